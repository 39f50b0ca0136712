import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledProgress } from '../throttledProgress';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

const step = (number: number) => ({ label: `Report ${number}`, number, count: 3 });

describe('progress told on, throttled', () => {
  it('writes the first at once, then at most once a wait, the latest at its end', () => {
    const written: number[] = [];
    const tell = throttledProgress<{ bytes: number }>(({ bytes }) => written.push(bytes), 1_000);
    tell({ bytes: 1 });
    vi.advanceTimersByTime(300);
    tell({ bytes: 2 });
    vi.advanceTimersByTime(300);
    tell({ bytes: 3 });
    expect(written).toEqual([1]);
    vi.advanceTimersByTime(400);
    expect(written).toEqual([1, 3]);
    // Nothing more came: nothing more is written.
    vi.advanceTimersByTime(5_000);
    expect(written).toEqual([1, 3]);
  });

  it('writes a new step at once, even within the wait, and never an older progress after it', () => {
    const written: unknown[] = [];
    const tell = throttledProgress(
      ({ bytes, step }: { bytes: number; step?: { number: number } }) =>
        written.push([bytes, step?.number]),
      1_000,
    );
    tell({ bytes: 10, step: step(1) });
    vi.advanceTimersByTime(100);
    tell({ bytes: 20, step: step(1) });
    vi.advanceTimersByTime(100);
    tell({ bytes: 0, step: step(2) });
    expect(written).toEqual([
      [10, 1],
      [0, 2],
    ]);
    vi.advanceTimersByTime(5_000);
    expect(written).toHaveLength(2);
  });
});
