import { timeoutError } from '../errors';
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

/**
 * Processed route: each network step (the headers, then each read of the body) is raced against
 * the stall time. A stall fails the step with the timeout error and aborts `signal`, which the
 * request was made with, so the connection is closed too. `signal` also follows the job's own
 * signal until `stop()`.
 */
export class StallGuard {
  private readonly controller = new AbortController();
  private readonly onJobAbort = () => this.controller.abort(this.jobSignal.reason);

  constructor(
    private readonly ms: number,
    private readonly host: string,
    private readonly jobSignal: AbortSignal = new AbortController().signal,
  ) {
    if (jobSignal.aborted) this.onJobAbort();
    else jobSignal.addEventListener('abort', this.onJobAbort, { once: true });
  }

  /** For the request: aborted by the job's cancel or by a stall. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The step's result, or the timeout error when it has not settled within the stall time. */
  async race<T>(step: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = timeoutError(this.host, this.ms);
        // Failed before the abort, so the step's own abort failure never wins the race.
        reject(error);
        this.controller.abort(error);
      }, this.ms);
    });
    try {
      return await Promise.race([step, stalled]);
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): void {
    this.jobSignal.removeEventListener('abort', this.onJobAbort);
  }
}
