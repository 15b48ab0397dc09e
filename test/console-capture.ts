// Captures every line the test runs print (test and worker console output, workerd's own output
// and, in the browser tests, the output of wrangler dev) into one file per run, and finds canary
// values in it. Runs in Node: vitest's config, its global setup and the browser tests import it.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const CAPTURE_DIR = join(import.meta.dirname, '..', '.tmp');
// The global setup names one file per run in this variable, which the processes that vitest
// starts afterwards inherit, so that two runs at once in one checkout do not mix their output.
const CAPTURE_FILE_VARIABLE = 'CONSOLE_CAPTURE_FILE';

/** Returns the file the current test run writes its captured output to. */
export function captureFile(): string {
  return process.env[CAPTURE_FILE_VARIABLE] ?? join(CAPTURE_DIR, 'console-capture.log');
}

/** A value planted by the seed's canaries option: CANARY followed by 16 hex digits. */
export const CANARY_PATTERN = /CANARY[0-9a-f]{16}/;

/** Appends captured output. Never throws, so a full disk cannot fail a test that logged. */
export function appendCaptured(text: string | Uint8Array) {
  try {
    appendFileSync(captureFile(), typeof text === 'string' ? text : Buffer.from(text));
  } catch {
    // The canary check then reads less output, but the test run goes on.
  }
}

/**
 * Starts a new capture file for this run and copies everything written to this process's stdout
 * and stderr into it, which includes workerd's output that Miniflare pipes there. Returns the
 * function that stops copying.
 */
export function startCapture(): () => void {
  mkdirSync(CAPTURE_DIR, { recursive: true });
  process.env[CAPTURE_FILE_VARIABLE] = join(CAPTURE_DIR, `console-capture-${process.pid}.log`);
  writeFileSync(captureFile(), '');

  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const [index, stream] of streams.entries()) {
    const original = originals[index]!;
    stream.write = function teeWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) appendCaptured(chunk);
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
  }
  return () => streams.forEach((stream, index) => (stream.write = originals[index]!));
}

/** Returns the 1-based numbers of the captured lines that contain a canary value. */
export function linesWithCanaries(): number[] {
  if (!existsSync(captureFile())) return [];
  const hits: number[] = [];
  for (const [index, line] of readFileSync(captureFile(), 'utf8').split('\n').entries()) {
    if (CANARY_PATTERN.test(line)) hits.push(index + 1);
  }
  return hits;
}

/**
 * Starts capturing the run's output, as a vitest global setup, and returns the teardown that
 * throws when a captured line contains a canary value, which fails the run. The error names
 * line numbers only, so the canary's line is not printed again, and the file is kept for them.
 * A clean run deletes its file.
 */
export function canaryCheckSetup() {
  const stopCapture = startCapture();
  return function canaryCheck() {
    stopCapture();
    const hits = linesWithCanaries();
    if (hits.length === 0) {
      rmSync(captureFile(), { force: true });
      return;
    }
    throw new Error(
      `${hits.length} captured output line(s) contain a canary value, which means seeded ` +
        `PHI reached a log: see lines ${hits.slice(0, 10).join(', ')} of ${captureFile()}`,
    );
  };
}
