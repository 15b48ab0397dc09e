// Global setup of the worker and browser test runs: every line a run prints is captured, and
// the run fails when a canary value appears in any of them.
import { canaryCheckSetup } from './console-capture.ts';

export default canaryCheckSetup;
