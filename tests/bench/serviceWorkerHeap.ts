import type { CDPSession, Page } from 'playwright-core';

/**
 * Samples the live JS heap of the extension's service worker (and offscreen document, when open)
 * through the DevTools protocol, from an extension page's session: Playwright gives no CDP
 * session for workers, so we attach to their targets and talk through Target.sendMessageToTarget.
 *
 * Each sample collects garbage first. Without that the figure is mostly garbage not yet collected,
 * and it swung between 82 and 185 MB for the same export with V8's timing; what an export
 * retains is what must stay flat as it grows.
 */
export class ExtensionHeapSampler {
  private peak = 0;
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
      await this.call(sessionId, 'HeapProfiler.collectGarbage');
      total += await this.call(sessionId, 'Runtime.getHeapUsage');
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
    return total;
  }

  /** Sends one command to an attached target; its `usedSize`, or 0 (also after 5 s unanswered). */
  private async call(sessionId: string, method: string): Promise<number> {
    const id = this.nextId++;
    const answered = new Promise<number>((resolve) => this.pending.set(id, resolve));
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method }),
    });
    return Promise.race([answered, new Promise<number>((r) => setTimeout(() => r(0), 5000))]);
  }

  /** Starts sampling every `intervalMs`, keeping the highest total seen. */
  start(intervalMs = 250): void {
    this.peak = 0;
    this.sampling = true;
    const tick = async () => {
      this.peak = Math.max(this.peak, await this.sample().catch(() => 0));
      // stop() may have come while this sample was on its way.
      if (this.sampling) this.timer = setTimeout(tick, intervalMs);
    };
    void tick();
  }

  /** Stops sampling and returns the peak, in bytes. */
  async stop(): Promise<number> {
    this.sampling = false;
    clearTimeout(this.timer);
    this.peak = Math.max(this.peak, await this.sample().catch(() => 0));
    return this.peak;
  }
}
