import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeanKitError } from '../../errors';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  type RetryPolicy,
  retryDelayMs,
  sleep,
} from '../backoff';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 5000 };

describe('retryDelayMs', () => {
  it.each([
    // retry, random, Retry-After, expected
    [1, 0.999, undefined, 999],
    [2, 0.5, undefined, 1000],
    [3, 0.5, undefined, 2000],
    [3, 0, undefined, 0],
    [1, 0.1, 3000, 3000],
    [2, 0.9, 100, 1800],
    // A Retry-After beyond the cap is cut to the cap.
    [1, 0, 3_600_000, 5000],
  ])('retry %i with random %d and Retry-After %s waits %i ms', (retry, random, after, expected) => {
    expect(retryDelayMs(retry, policy, () => random, after)).toBe(expected);
  });

  it('caps the exponential growth', () => {
    const wide: RetryPolicy = { maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(retryDelayMs(10, wide, () => 0.999_999)).toBe(4999);
  });

  it('gives up once the attempts are used', () => {
    expect(retryDelayMs(4, policy, () => 0.5)).toBeUndefined();
    expect(retryDelayMs(0, policy, () => 0.5)).toBeUndefined();
  });

  it('by default tries five times in all, from half a second, never waiting over a minute', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(250);
    expect(retryDelayMs(4, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(2000);
    expect(retryDelayMs(5, DEFAULT_RETRY_POLICY, () => 0.5)).toBeUndefined();
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, () => 0, 3_600_000)).toBe(60_000);
  });

  it('still waits before the last attempt', () => {
    expect(retryDelayMs(1, policy, () => 0.5)).toBe(500);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(2000);
  });
});

describe('isRetryable', () => {
  it.each([
    ['rate-limited', true],
    ['server', true],
    ['network', true],
    ['unreachable', true],
    ['timeout', true],
    ['token-expired', false],
    ['forbidden', false],
    ['bad-request', false],
    ['disk', false],
    ['aborted', false],
  ] as const)('%s → %s', (kind, expected) => {
    expect(isRetryable(new LeanKitError(kind, 'x'))).toBe(expected);
  });
});

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The promise's outcome so far: pending, resolved, or the rejection reason. */
  function watch(promise: Promise<void>): { outcome: unknown } {
    const state: { outcome: unknown } = { outcome: 'pending' };
    promise.then(
      () => {
        state.outcome = 'resolved';
      },
      (reason: unknown) => {
        state.outcome = reason;
      },
    );
    return state;
  }

  it('resolves after the delay, not before', async () => {
    const state = watch(sleep(1000));
    await vi.advanceTimersByTimeAsync(999);
    expect(state.outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(state.outcome).toBe('resolved');
  });

  it('rejects at once with the reason of a signal aborted before it started, and sets no timer', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled before');
    controller.abort(reason);
    const state = watch(sleep(1000, controller.signal));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.outcome).toBe(reason);
  });

  it('rejects with the reason as soon as the signal aborts, and clears its timer', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const state = watch(sleep(1000, controller.signal));
    await vi.advanceTimersByTimeAsync(400);
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.outcome).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets go of the signal once it has waited', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const state = watch(sleep(10, controller.signal));
    await vi.advanceTimersByTimeAsync(10);
    expect(state.outcome).toBe('resolved');
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
