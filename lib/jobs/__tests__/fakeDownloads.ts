import type { Browser } from 'wxt/browser';

type Item = Browser.downloads.DownloadItem;
type Listener = (delta: Browser.downloads.DownloadDelta) => void;

/**
 * An in-memory stand-in for `browser.downloads` (the fake browser does not mock it): records what
 * was asked, and lets a test move each download along as the browser would.
 */
export class FakeDownloads {
  readonly items = new Map<number, Item>();
  readonly requests: Browser.downloads.DownloadOptions[] = [];
  readonly cancelled: number[] = [];
  readonly erased: number[] = [];
  readonly removedFiles: number[] = [];
  private listeners = new Set<Listener>();
  private nextId = 1;
  /** Called right after each download starts, before `download()` resolves, as browsers may. */
  onStart?: (id: number) => void;
  failStart?: Error;

  readonly onChanged = {
    addListener: (listener: Listener) => void this.listeners.add(listener),
    removeListener: (listener: Listener) => void this.listeners.delete(listener),
    hasListener: (listener: Listener) => this.listeners.has(listener),
  };

  download = async (options: Browser.downloads.DownloadOptions): Promise<number> => {
    if (this.failStart) throw this.failStart;
    this.requests.push(options);
    const id = this.nextId++;
    this.items.set(id, {
      id,
      url: options.url,
      filename: `/downloads/${options.filename}`,
      state: 'in_progress',
      bytesReceived: 0,
      fileSize: 0,
      totalBytes: -1,
    } as Item);
    this.onStart?.(id);
    return id;
  };

  search = async ({ id }: { id?: number }): Promise<Item[]> => {
    const item = id === undefined ? undefined : this.items.get(id);
    return item ? [{ ...item }] : [];
  };

  cancel = async (id: number): Promise<void> => {
    this.cancelled.push(id);
    const item = this.items.get(id);
    if (item?.state === 'in_progress') this.interrupt(id, 'USER_CANCELED');
  };

  /** Deletes a completed download's file, as browsers do (and refuse for any other state). */
  removeFile = async (id: number): Promise<void> => {
    const item = this.items.get(id);
    if (item?.state !== 'complete') throw new Error('Download must be complete');
    this.removedFiles.push(id);
    this.patch(id, { exists: false });
  };

  erase = async ({ id }: { id?: number }): Promise<number[]> => {
    if (id === undefined) return [];
    this.erased.push(id);
    this.items.delete(id);
    return [id];
  };

  progress(id: number, bytes: number): void {
    this.patch(id, { bytesReceived: bytes });
  }

  /** Completes a download, as the browser reports it (by default: whole, type unknown). */
  complete(id: number, bytes: number, details: Partial<Item> = {}): void {
    this.patch(id, {
      state: 'complete',
      bytesReceived: bytes,
      fileSize: bytes,
      totalBytes: bytes,
      ...details,
    });
    this.emit({ id, state: { current: 'complete', previous: 'in_progress' } });
  }

  interrupt(id: number, error: string): void {
    this.patch(id, { state: 'interrupted', error } as Partial<Item>);
    this.emit({ id, state: { current: 'interrupted', previous: 'in_progress' } });
  }

  /**
   * The download history of the browser started again after it closed: a new instance (this one
   * stays with the worker that went down with the browser), with every download that was in
   * progress interrupted by `reason` (Chromium: `USER_CANCELED` after a clean quit, `CRASH` after a
   * crash), and ids going on from where they were.
   */
  afterBrowserRestart(reason: 'USER_CANCELED' | 'CRASH'): FakeDownloads {
    const restarted = new FakeDownloads();
    restarted.nextId = this.nextId;
    for (const [id, item] of this.items) {
      const interrupted = { ...item, state: 'interrupted', error: reason } as Item;
      restarted.items.set(id, item.state === 'in_progress' ? interrupted : { ...item });
    }
    return restarted;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private patch(id: number, change: Partial<Item>): void {
    const item = this.items.get(id);
    if (item) this.items.set(id, { ...item, ...change });
  }

  private emit(delta: Browser.downloads.DownloadDelta): void {
    for (const listener of this.listeners) listener(delta);
  }
}
