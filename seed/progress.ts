/** The output and clock of a progress reporter. The seed script passes process.stdout. */
export interface ProgressOutput {
  /** True on a terminal: one line redrawn in place. False in CI logs: a plain line per step. */
  isTTY: boolean;
  write: (text: string) => void;
  /** Milliseconds from any fixed origin, such as performance.now(). */
  now: () => number;
}

const BAR_WIDTH = 24;
// Terminal redraws are limited to ten a second, so drawing costs nothing next to generating.
const REDRAW_INTERVAL_MS = 100;
// Without a terminal, a line is written each time another tenth of the patients is done.
const LOG_STEPS = 10;

/**
 * Reports how many patients are done, at what rate and how long the rest should take. On a
 * terminal it redraws one line. Elsewhere it writes about ten plain lines, so CI logs stay short.
 *
 * @example
 * const progress = new ProgressReporter(1000, { isTTY: true, write: (t) => process.stdout.write(t), now: () => performance.now() });
 * progress.update(250);
 * progress.finish();
 */
export class ProgressReporter {
  private readonly total: number;
  private readonly output: ProgressOutput;
  private readonly startedMs: number;
  private lastDrawMs = -Infinity;
  private stepsLogged = 0;
  private done = 0;

  constructor(total: number, output: ProgressOutput) {
    this.total = total;
    this.output = output;
    this.startedMs = output.now();
  }

  /** Records that `done` patients of the total are generated. */
  update(done: number): void {
    this.done = Math.min(done, this.total);
    const nowMs = this.output.now();

    if (this.output.isTTY) {
      if (nowMs - this.lastDrawMs < REDRAW_INTERVAL_MS && this.done < this.total) return;
      this.lastDrawMs = nowMs;
      this.output.write(`\r${this.describe(nowMs, true)}\u001b[K`);
      return;
    }

    const step = Math.floor((this.done / this.total) * LOG_STEPS);
    if (step > this.stepsLogged) {
      this.stepsLogged = step;
      this.output.write(`${this.describe(nowMs, false)}\n`);
    }
  }

  /** Ends the progress line on a terminal, so the summary starts on a line of its own. */
  finish(): void {
    if (this.output.isTTY && this.lastDrawMs > -Infinity) this.output.write('\n');
  }

  private describe(nowMs: number, withBar: boolean): string {
    const seconds = Math.max((nowMs - this.startedMs) / 1000, 0.001);
    const rate = this.done / seconds;
    const left = rate > 0 ? (this.total - this.done) / rate : Infinity;
    const percent = Math.floor((this.done / this.total) * 100);
    const counts = `${this.done}/${this.total} patients (${percent}%), ${Math.round(rate)} patients/s, ${formatDuration(left)} left`;
    if (!withBar) return counts;

    const filled = Math.round((this.done / this.total) * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${counts}`;
  }
}

/** Formats seconds as "42 s" or "3 min 05 s", and an unknown time as "?". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  return `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
}
