/**
 * Keeps the background awake while exports run. Chrome stops an extension service worker after
 * 30 s without an event or an extension API call, and an export waiting on a body that stalls
 * makes neither: the worker (and with it the export's stall timer) would stop, leaving the job
 * "running" until something wakes the worker. Chrome's advice for long operations is a cheap API
 * call now and then; this makes one every `intervalMs` while anyone holds it.
 */
export function createKeepAwake(ping: () => Promise<unknown>, intervalMs = 25_000) {
  let holders = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    /** Holds the background awake until the returned release is called (once is enough). */
    hold(): () => void {
      holders += 1;
      timer ??= setInterval(() => void ping().catch(() => undefined), intervalMs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders -= 1;
        if (holders === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
  };
}

export type KeepAwake = ReturnType<typeof createKeepAwake>;
