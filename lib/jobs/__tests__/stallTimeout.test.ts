import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LeanKitError } from '../../errors';
import { stallTimeoutMsItem } from '../../storage/items';
import { StallGuard } from '../stallGuard';
import { readStallTimeoutMs } from '../stallTimeout';

beforeEach(() => fakeBrowser.reset());

describe('readStallTimeoutMs', () => {
  it('is 60 s unless set', async () => {
    expect(await readStallTimeoutMs()).toBe(60_000);
  });

  it.each([
    [1500, 1500],
    [0, 60_000],
    [-5, 60_000],
    [Number.NaN, 60_000],
    ['2000', 60_000],
  ])('set to %j, is %i', async (stored, ms) => {
    await fakeBrowser.storage.session.set({ stallTimeoutMs: stored });
    expect(await readStallTimeoutMs()).toBe(ms);
  });

  it('lives in session storage, out of content scripts’ reach', () => {
    expect(stallTimeoutMsItem.key).toBe('session:stallTimeoutMs');
  });
});

describe('StallGuard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const never = () => new Promise<never>(() => {});

  it('passes on a step that settles in time, and each step gets the whole stall time', async () => {
    const guard = new StallGuard(1000, 'acme.leankit.com', new AbortController().signal);
    const first = guard.race(new Promise((resolve) => setTimeout(() => resolve('a'), 900)));
    await vi.advanceTimersByTimeAsync(900);
    expect(await first).toBe('a');
    const second = guard.race(new Promise((resolve) => setTimeout(() => resolve('b'), 900)));
    await vi.advanceTimersByTimeAsync(900);
    expect(await second).toBe('b');
    expect(guard.signal.aborted).toBe(false);
  });

  it('fails a step that takes the stall time with the timeout error, and aborts the request', async () => {
    const guard = new StallGuard(2000, 'acme.leankit.com', new AbortController().signal);
    // A request that, like fetch, fails with its own error when aborted.
    const step = new Promise((_, reject) =>
      guard.signal.addEventListener('abort', () => reject(new TypeError('aborted fetch'))),
    );
    const raced = guard.race(step).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await raced;
    expect(error).toBeInstanceOf(LeanKitError);
    expect((error as LeanKitError).toInfo()).toEqual({
      kind: 'timeout',
      message:
        'acme.leankit.com sent nothing for 2 seconds. Check your connection and try again; if it keeps happening, LeanKit may be overloaded: try again later.',
    });
    expect(guard.signal.aborted).toBe(true);
  });

  it('aborts the request when the job is cancelled, and lets go of the job’s signal when stopped', async () => {
    const job = new AbortController();
    const guard = new StallGuard(1000, 'acme.leankit.com', job.signal);
    const raced = guard.race(never());
    job.abort();
    expect(guard.signal.aborted).toBe(true);
    guard.stop();
    void raced.catch(() => undefined);

    const later = new AbortController();
    const stopped = new StallGuard(1000, 'acme.leankit.com', later.signal);
    stopped.stop();
    later.abort();
    expect(stopped.signal.aborted).toBe(false);
  });

  it('is aborted from the start for a job already cancelled', () => {
    const job = new AbortController();
    job.abort();
    expect(new StallGuard(1000, 'acme.leankit.com', job.signal).signal.aborted).toBe(true);
  });
});
