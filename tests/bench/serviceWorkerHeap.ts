import type { CDPSession, Page } from 'playwright-core';

/**
 * Samples the JS heap of the extension's service worker (and offscreen document, when open)
 * through the DevTools protocol, from an extension page's session: Playwright gives no CDP
 * session for workers, so we attach to their targets and talk through Target.sendMessageToTarget.
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
      const id = this.nextId++;
      const used = new Promise<number>((resolve) => this.pending.set(id, resolve));
      await this.cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
      });
      total += await Promise.race([used, new Promise<number>((r) => setTimeout(() => r(0), 2000))]);
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
    return total;
  }

  /** Starts sampling every `intervalMs`, keeping the highest total seen. */
  start(intervalMs = 100): void {
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
