import type { CDPSession, Page } from 'playwright-core';

/**
 * Samples the live JS heap of the extension's service worker (and offscreen document, when open)
 * through the DevTools protocol, from an extension page's session: Playwright gives no CDP
 * session for workers, so we attach to their targets and talk through Target.sendMessageToTarget.
 *
 * Each sample collects garbage first. Without that the figure is mostly garbage not yet collected,
 * and it swung between 82 and 185 MB for the same export with V8's timing; what an export
 * retains is what must stay flat as it grows. Even after a forced collection, two readings taken
 * back to back, milliseconds apart, differed by up to 35 MB while a busy page converted rows (the
 * collection does not always free what the running task just dropped). What is retained is in
 * every reading, so each target's figure is the least of `READINGS` taken back to back.
 */
/** Readings per target and sample; see the class comment. */
const READINGS = 3;

/** A target's peak over the sampling, in bytes: the worker's, or the offscreen document's. */
export interface TargetPeaks {
  worker: number;
  offscreen: number;
}

export class ExtensionHeapSampler {
  private peak = 0;
  /** Each target's own peak (not necessarily from the sample that made the summed peak). */
  private targetPeaks: TargetPeaks = { worker: 0, offscreen: 0 };
  private count = 0;
  private timer?: NodeJS.Timeout;
  private sampling = false;
  private nextId = 1;
  private readonly pending = new Map<number, (usedSize: number) => void>();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
      const parsed = JSON.parse(message) as { id?: number; result?: { usedSize?: number } };
      if (parsed.id === undefined) return;
      this.pending.get(parsed.id)?.(parsed.result?.usedSize ?? 0);
      this.pending.delete(parsed.id);
    });
  }

  static async open(page: Page): Promise<ExtensionHeapSampler> {
    return new ExtensionHeapSampler(await page.context().newCDPSession(page));
  }

  /** The summed heap of every extension worker and offscreen document right now, in bytes. */
  async sample(): Promise<number> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    const targets = targetInfos.filter(
      (t) =>
        t.url.startsWith('chrome-extension://') &&
        (t.type === 'service_worker' || t.url.endsWith('/offscreen.html')),
    );
    let total = 0;
    for (const target of targets) {
      const { sessionId } = await this.cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      });
      let least = Number.POSITIVE_INFINITY;
      for (let reading = 0; reading < READINGS; reading++) {
        // Sent together, so that the page runs no script between the collection and the reading:
        // a busy page's fresh garbage (its young generation grows to many MB) counted otherwise.
        const [, used] = await Promise.all([
          this.call(sessionId, 'HeapProfiler.collectGarbage'),
          this.call(sessionId, 'Runtime.getHeapUsage'),
        ]);
        if (!Number.isNaN(used)) least = Math.min(least, used);
      }
      const used = Number.isFinite(least) ? least : 0;
      const kind = target.type === 'service_worker' ? 'worker' : 'offscreen';
      this.targetPeaks[kind] = Math.max(this.targetPeaks[kind], used);
      total += used;
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
    return total;
  }

  /** Sends one command to an attached target; its `usedSize` (0 if none), or NaN after 5 s unanswered. */
  private async call(sessionId: string, method: string): Promise<number> {
    const id = this.nextId++;
    const answered = new Promise<number>((resolve) => this.pending.set(id, resolve));
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method }),
    });
    return Promise.race([
      answered,
      new Promise<number>((r) => setTimeout(() => r(Number.NaN), 5000)),
    ]);
  }

  /**
   * Starts sampling every `intervalMs`, keeping the highest total seen; `resume` goes on from the
   * last sampling's peaks and count instead of starting them afresh.
   */
  start({ intervalMs = 250, resume = false } = {}): void {
    if (!resume) {
      this.peak = 0;
      this.targetPeaks = { worker: 0, offscreen: 0 };
      this.count = 0;
    }
    this.sampling = true;
    const tick = async () => {
      this.record(await this.sample().catch(() => 0));
      // stop() may have come while this sample was on its way.
      if (this.sampling) this.timer = setTimeout(tick, intervalMs);
    };
    void tick();
  }

  /** Stops sampling and returns the peak, in bytes. */
  async stop(): Promise<number> {
    this.sampling = false;
    clearTimeout(this.timer);
    this.record(await this.sample().catch(() => 0));
    return this.peak;
  }

  /** Samples taken since sampling last started afresh. */
  get samples(): number {
    return this.count;
  }

  private record(total: number): void {
    this.peak = Math.max(this.peak, total);
    this.count += 1;
  }

  /** Each target's peak in the last sampling. */
  get peaks(): TargetPeaks {
    return { ...this.targetPeaks };
  }
}
