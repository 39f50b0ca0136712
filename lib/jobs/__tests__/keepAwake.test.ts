import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeepAwake } from '../keepAwake';

describe('createKeepAwake', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings every interval while held, and stops once every holder has let go', () => {
    const ping = vi.fn(() => Promise.resolve());
    const keepAwake = createKeepAwake(ping, 1000);
    const first = keepAwake.hold();
    const second = keepAwake.hold();
    vi.advanceTimersByTime(2500);
    expect(ping).toHaveBeenCalledTimes(2);

    first();
    first(); // a second release by the same holder does not let go for the other
    vi.advanceTimersByTime(1000);
    expect(ping).toHaveBeenCalledTimes(3);

    second();
    vi.advanceTimersByTime(5000);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it('starts again for a new holder, and a failing ping does not stop it', async () => {
    const ping = vi.fn(() => Promise.reject(new Error('no context')));
    const keepAwake = createKeepAwake(ping, 1000);
    keepAwake.hold()();
    vi.advanceTimersByTime(3000);
    expect(ping).not.toHaveBeenCalled();

    const release = keepAwake.hold();
    await vi.advanceTimersByTimeAsync(2000);
    expect(ping).toHaveBeenCalledTimes(2);
    release();
  });
});
