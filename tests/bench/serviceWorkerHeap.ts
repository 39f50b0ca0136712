import type { CDPSession, Page } from 'playwright-core';

/**
 * Samples the live JS heap of the extension's service worker (and offscreen document, when open,
 * with the dedicated workers it started: an XLSX export's) through the DevTools protocol, from an
 * extension page's session: Playwright gives no CDP session for workers, so we attach to their
 * targets and talk through Target.sendMessageToTarget. A dedicated worker answers only through
 * the page that started it: the document's session attaches to it (Target.setAutoAttach), and its
 * messages go inside the document's.
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

/**
 * A target's peak over the sampling, in bytes: the service worker's, the offscreen document's, or
 * its dedicated workers' together.
 */
export interface TargetPeaks {
  worker: number;
  offscreen: number;
  dedicated: number;
}

/** A message of the protocol: a command's answer (`id`), or an event. */
interface ProtocolMessage {
  id?: number;
  result?: { usedSize?: number };
  method?: string;
  params?: {
    message?: string;
    sessionId?: string;
    targetInfo?: { type: string };
  };
}

export class ExtensionHeapSampler {
  private peak = 0;
  /** Each target's own peak (not necessarily from the sample that made the summed peak). */
  private targetPeaks: TargetPeaks = { worker: 0, offscreen: 0, dedicated: 0 };
  private count = 0;
  private timer?: NodeJS.Timeout;
  private sampling = false;
  private nextId = 1;
  private readonly pending = new Map<number, (usedSize: number) => void>();
  /** Sessions of the dedicated workers the attached document reported. */
  private dedicatedSessions: string[] = [];

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', ({ message }) => this.receive(message));
  }

  private receive(message: string): void {
    const parsed = JSON.parse(message) as ProtocolMessage;
    if (parsed.id !== undefined) {
      this.pending.get(parsed.id)?.(parsed.result?.usedSize ?? 0);
      this.pending.delete(parsed.id);
    } else if (parsed.method === 'Target.receivedMessageFromTarget' && parsed.params?.message) {
      this.receive(parsed.params.message);
    } else if (
      parsed.method === 'Target.attachedToTarget' &&
      parsed.params?.targetInfo?.type === 'worker' &&
      parsed.params.sessionId
    ) {
      this.dedicatedSessions.push(parsed.params.sessionId);
    }
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
      const used = await this.liveHeap([sessionId]);
      const kind = target.type === 'service_worker' ? 'worker' : 'offscreen';
      this.targetPeaks[kind] = Math.max(this.targetPeaks[kind], used);
      total += used;
      if (kind === 'offscreen') {
        // The document's workers, which the document's session attaches to first.
        this.dedicatedSessions = [];
        await this.call([sessionId], 'Target.setAutoAttach', {
          autoAttach: true,
          waitForDebuggerOnStart: false,
          flatten: false,
        });
        let dedicated = 0;
        for (const worker of this.dedicatedSessions) {
          dedicated += await this.liveHeap([sessionId, worker]);
        }
        this.targetPeaks.dedicated = Math.max(this.targetPeaks.dedicated, dedicated);
        total += dedicated;
      }
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
    return total;
  }

  /** The least of READINGS readings of the heap of the target at `path`, after collecting garbage. */
  private async liveHeap(path: string[]): Promise<number> {
    let least = Number.POSITIVE_INFINITY;
    for (let reading = 0; reading < READINGS; reading++) {
      // Sent together, so that the page runs no script between the collection and the reading:
      // a busy page's fresh garbage (its young generation grows to many MB) counted otherwise.
      const [, used] = await Promise.all([
        this.call(path, 'HeapProfiler.collectGarbage'),
        this.call(path, 'Runtime.getHeapUsage'),
      ]);
      if (!Number.isNaN(used)) least = Math.min(least, used);
    }
    return Number.isFinite(least) ? least : 0;
  }

  /**
   * Sends one command to the target at the end of `path` (sessions, each inside the one before);
   * its `usedSize` (0 if none), or NaN after 5 s unanswered.
   */
  private async call(path: string[], method: string, params?: object): Promise<number> {
    const id = this.nextId++;
    const answered = new Promise<number>((resolve) => this.pending.set(id, resolve));
    let message = JSON.stringify({ id, method, params });
    for (const sessionId of path.slice(1).reverse()) {
      message = JSON.stringify({
        id: this.nextId++,
        method: 'Target.sendMessageToTarget',
        params: { sessionId, message },
      });
    }
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: path[0] ?? '', message });
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
      this.targetPeaks = { worker: 0, offscreen: 0, dedicated: 0 };
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
