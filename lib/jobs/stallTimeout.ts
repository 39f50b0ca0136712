import { stallTimeoutMsItem } from '../storage/items';

// An export whose bytes stop arriving (a server that never answers, or a body that stops part-way)
// must end rather than leave its job running forever: after `stallTimeoutMs` without a new byte the
// attempt fails with a `timeout` error, which the job's retries take from there.

/** The stall time the background uses; anything but a positive number means the default. */
export async function readStallTimeoutMs(): Promise<number> {
  const ms = await stallTimeoutMsItem.getValue();
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : stallTimeoutMsItem.fallback;
}

/**
 * Direct route: tells, from the browser's download record looked at now and then, when its bytes
 * have not grown for `ms`. The clock starts at creation, so headers that never come count too. A
 * download the user paused in the browser is never stalled.
 */
export function createStallClock(ms: number, now: () => number = Date.now) {
  let bytes = 0;
  let since = now();
  return {
    stalled(item: { bytesReceived: number; paused?: boolean }): boolean {
      const at = now();
      if (item.paused || item.bytesReceived !== bytes) {
        bytes = item.bytesReceived;
        since = at;
        return false;
      }
      return at - since >= ms;
    },
  };
}
