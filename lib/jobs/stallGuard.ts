import { timeoutError } from '../api/requestErrors';

/**
 * Fetched exports (lib/jobs/exportBuilds.ts) and the board list: each network step (the headers, then each read of the body) is raced against
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
