import { describe, expect, it } from 'vitest';
import { ProgressReporter, formatDuration } from '../../seed/index.ts';

// A reporter whose clock the test moves by hand, writing into an array.
function reporter(total: number, isTTY: boolean) {
  const written: string[] = [];
  let nowMs = 0;
  const progress = new ProgressReporter(total, {
    isTTY,
    write: (text) => written.push(text),
    now: () => nowMs,
  });
  const advance = (ms: number) => {
    nowMs += ms;
  };
  return { progress, written, advance };
}

describe('ProgressReporter', () => {
  it('writes about ten lines without a terminal', () => {
    const { progress, written, advance } = reporter(1000, false);
    for (let done = 7; done <= 1000; done += 7) {
      advance(7);
      progress.update(done);
    }
    progress.update(1000);
    progress.finish();
    expect(written).toHaveLength(10);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(written.at(-1)).toContain('1000/1000 patients (100%)');
  });

  it('shows rate and time left', () => {
    const { progress, written, advance } = reporter(1000, false);
    advance(2000);
    progress.update(100);
    expect(written[0]).toBe('100/1000 patients (10%), 50 patients/s, 18 s left\n');
  });

  it('redraws one line on a terminal', () => {
    const { progress, written, advance } = reporter(100, true);
    progress.update(10);
    progress.update(20);
    advance(150);
    progress.update(30);
    advance(10);
    progress.update(100);
    progress.finish();
    // The update to 20 came within 100 ms of the one before, and the last one is always drawn.
    expect(written).toHaveLength(4);
    expect(written[0]!.startsWith('\r[')).toBe(true);
    expect(written[2]).toContain('[########################]');
    expect(written[3]).toBe('\n');
  });
});

describe('formatDuration', () => {
  it('formats seconds and minutes', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(Infinity)).toBe('?');
  });
});
