import type { LeanKitError } from '../errors';

/** How hard to retry a failed request before giving up. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Delay before the first retry; doubled for each further one. */
  baseDelayMs: number;
  /** No single wait is longer than this, a server's Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
};

/** Failures that may pass by themselves: rate limits, server errors, broken or cut-short connections. */
export function isRetryable(error: Pick<LeanKitError, 'kind'>): boolean {
  return (
    error.kind === 'incomplete' ||
    error.kind === 'rate-limited' ||
    error.kind === 'server' ||
    error.kind === 'network' ||
    error.kind === 'unreachable' ||
    error.kind === 'timeout'
  );
}

/**
 * How long to wait before retry number `retry` (1 for the first retry), or undefined when the
 * attempts are used up. Exponential backoff with full jitter (a random point in [0, cap]), so
 * that many clients that failed together do not come back together; a server's Retry-After is
 * honoured as a floor. `random` returns [0, 1), injected so tests are exact.
 */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  if (retry < 1 || retry >= policy.maxAttempts) return undefined;
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.floor(random() * cap);
  const floor = Math.min(policy.maxDelayMs, retryAfterMs ?? 0);
  return Math.max(jittered, floor);
}

/** Waits `ms`, or throws the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      // Stryker disable next-line OptionalChaining: only a signal can call this.
      reject(signal?.reason);
    };
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once; `once` only frees the listener.
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
