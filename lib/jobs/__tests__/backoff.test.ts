import { describe, expect, it } from 'vitest';
import { LeanKitError } from '../../errors';
import { isRetryable, type RetryPolicy, retryDelayMs } from '../backoff';

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
});

describe('isRetryable', () => {
  it.each([
    ['rate-limited', true],
    ['server', true],
    ['network', true],
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
