import { stallTimeoutMsItem } from '../storage/items';

// An export whose bytes stop arriving (a server that never answers, or a body that stops part-way)
// must end rather than leave its job running forever: after `stallTimeoutMs` without a new byte the
// attempt fails with a `timeout` error, which the job's retries take from there.

/** The stall time the background uses; anything but a positive number means the default. */
export async function readStallTimeoutMs(): Promise<number> {
  const ms = await stallTimeoutMsItem.getValue();
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : stallTimeoutMsItem.fallback;
}
