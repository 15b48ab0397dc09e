import { defineConfig } from 'vitest/config';
import { appendCaptured } from './test/console-capture.ts';

// Browser tests run in Node and drive Debian's Chromium against a portal started by `npm start`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // The tests' console lines and wrangler dev's output (see test/e2e/portal.ts) go to the
    // capture file, and the global setup fails the run when one contains a canary value.
    globalSetup: ['test/canary-check.global.ts'],
    onConsoleLog(line: string) {
      appendCaptured(line.endsWith('\n') ? line : `${line}\n`);
    },
  },
});
