import type { Browser } from 'wxt/browser';
import type { ExportSource } from '../api/reportingClient';
import { LeanKitError, redirectError, serverError } from '../errors';
import type { Format } from '../reports';

/** The part of `browser.downloads` the downloader uses. */
type Downloads = Pick<
  typeof Browser.downloads,
  'download' | 'search' | 'cancel' | 'erase' | 'removeFile'
> & {
  onChanged: Pick<typeof Browser.downloads.onChanged, 'addListener' | 'removeListener'>;
};
type DownloadItem = Browser.downloads.DownloadItem;

/**
 * How an export reaches the disk (docs/architecture.md, "Export engine"):
 * - `direct`: the browser downloads the export URL itself, with the token in an Authorization
 *   header. The bytes go straight to disk exactly as LeanKit serves them, whatever their size, with
 *   no copy in extension memory, and the download survives the service worker being stopped.
 * - `processed`: we fetch and change the data (Excel-friendly CSV), build a Blob from chunks and
 *   let the browser save its `blob:` URL.
 * Measured (`npm run bench`): direct is as fast as curl and flat in memory, so every export that
 * keeps LeanKit's bytes goes direct; only exports whose bytes we change are processed.
 */
export type Route = 'direct' | 'processed';

export function chooseRoute(format: Format, excelFriendlyCsv: boolean): Route {
  return format === 'csv' && excelFriendlyCsv ? 'processed' : 'direct';
}

export interface SaveRequest {
  /** The export, as the API client describes it (URL and Authorization header). */
  source: ExportSource;
  fileName: string;
  signal?: AbortSignal;
  /** Bytes written so far, called while the file downloads. */
  onProgress?: (bytes: number) => void;
  /** The browser's id of the download, as soon as it has one (to re-attach after a restart). */
  onStarted?: (downloadId: number) => void;
}

export interface SavedFile {
  downloadId: number;
  /** Absolute path on disk, as the browser reports it. */
  path: string;
  bytes: number;
}

export interface FollowOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
  /** Where the bytes came from, to ask LeanKit why when the browser only says "interrupted". */
  source?: ExportSource;
}

const PROGRESS_INTERVAL_MS = 500;

/** Saves exports through the browser's download manager, by either route. */
export function createDownloader({ downloads }: { downloads: Downloads }) {
  async function start(
    options: Browser.downloads.DownloadOptions,
    ends: DownloadEnds,
  ): Promise<number> {
    try {
      return await downloads.download({ ...options, conflictAction: 'uniquify', saveAs: false });
    } catch (cause) {
      ends.dispose();
      throw new LeanKitError(
        'disk',
        `The browser would not start the download: ${messageOf(cause)}`,
      );
    }
  }

  /**
   * Waits for a download to end and returns the saved file; on failure removes the partial file
   * and throws why. Also used to re-attach to a download after the service worker restarted.
   */
  async function follow(
    downloadId: number,
    { signal, onProgress, source }: FollowOptions,
    ends = new DownloadEnds(downloads),
  ): Promise<SavedFile> {
    const onAbort = () => void downloads.cancel(downloadId).catch(() => undefined);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const progress = setInterval(async () => {
      const [item] = await downloads.search({ id: downloadId }).catch(() => []);
      if (item) {
        onProgress?.(item.bytesReceived);
        ends.check(item);
      }
    }, PROGRESS_INTERVAL_MS);

    try {
      const item = await ends.wait(downloadId);
      if (source && wasRedirected(item, source)) {
        await discard(downloadId);
        throw redirectError(source.host);
      }
      if (item.state === 'complete') {
        return { downloadId, path: item.filename, bytes: item.fileSize || item.bytesReceived };
      }
      await discard(downloadId);
      if (signal?.aborted) throw new LeanKitError('aborted', 'Cancelled.');
      throw await explainInterruption(item.error ?? 'FAILED', source);
    } finally {
      clearInterval(progress);
      signal?.removeEventListener('abort', onAbort);
      ends.dispose();
    }
  }

  /** Direct route: the browser fetches the export itself, with the token in a header. */
  async function save({
    source,
    fileName,
    signal,
    onProgress,
    onStarted,
  }: SaveRequest): Promise<SavedFile> {
    signal?.throwIfAborted();
    const ends = new DownloadEnds(downloads);
    const downloadId = await start({ ...source.download, filename: fileName }, ends);
    onStarted?.(downloadId);
    return follow(downloadId, { signal, onProgress, source }, ends);
  }

  /** Processed route: saves a finished `blob:` URL under the file name. */
  async function saveBlobUrl({
    blobUrl,
    fileName,
    signal,
    onStarted,
  }: {
    blobUrl: string;
    fileName: string;
    signal?: AbortSignal;
    onStarted?: (downloadId: number) => void;
  }): Promise<SavedFile> {
    signal?.throwIfAborted();
    const ends = new DownloadEnds(downloads);
    const downloadId = await start({ url: blobUrl, filename: fileName }, ends);
    onStarted?.(downloadId);
    return follow(downloadId, { signal }, ends);
  }

  /** The browser's record of a download, if it still has one. */
  async function find(downloadId: number): Promise<DownloadItem | undefined> {
    const [item] = await downloads.search({ id: downloadId }).catch(() => []);
    return item;
  }

  /**
   * Removes a download that must not stand and its file, so nothing that looks complete is left.
   * `cancel` stops one in progress; `removeFile` deletes one that completed with the wrong bytes
   * (redirected); `erase` also removes the partial file of an interrupted one (Chromium keeps it
   * after a crash, for resuming).
   */
  async function discard(downloadId: number): Promise<void> {
    await downloads.cancel(downloadId).catch(() => undefined);
    await downloads.removeFile(downloadId).catch(() => undefined);
    await downloads.erase({ id: downloadId }).catch(() => undefined);
  }

  async function explainInterruption(reason: string, source?: ExportSource) {
    if (reason === 'USER_CANCELED')
      return new LeanKitError('aborted', 'The download was cancelled.');
    if (reason.startsWith('FILE_')) return diskError(reason);
    const host = source?.host ?? 'LeanKit';
    if (reason.startsWith('SERVER_') && source) {
      // The browser hides the server's answer; ask again and read LeanKit's own error.
      try {
        await source.recheck();
      } catch (cause) {
        const error = cause instanceof LeanKitError ? cause : undefined;
        if (error?.status !== undefined || error?.kind === 'aborted') return error;
        // The server did answer the download with a failure. Asking again can fail outright (Chrome
        // throttles an extension's requests after repeated 503s), which is still the server's
        // failure, not the user's connection.
      }
      // The server failed mid-file, or asking again failed too: LeanKit's failure either way.
      return serverError();
    }
    return new LeanKitError(
      'network',
      `The connection to ${host} broke during the download. Check your connection and try again.`,
    );
  }

  return { save, saveBlobUrl, follow, find, discard };
}

export type Downloader = ReturnType<typeof createDownloader>;

/**
 * Whether the browser ended up somewhere else than the export URL: the bytes are not LeanKit's
 * answer, whatever they are. Chrome reports where a download ended up (`finalUrl`); Firefox does
 * not.
 */
function wasRedirected(item: DownloadItem, source: ExportSource): boolean {
  if (item.finalUrl === undefined) return false;
  try {
    // Both written the same way, so only a different address counts.
    return new URL(item.finalUrl).href !== new URL(source.download.url).href;
  } catch {
    return true;
  }
}

function diskError(reason: string): LeanKitError {
  const why: Record<string, string> = {
    FILE_NO_SPACE: 'the disk is full',
    FILE_ACCESS_DENIED: 'the browser may not write to the download folder',
    FILE_NAME_TOO_LONG: 'the file name is too long for this system',
    FILE_TOO_LARGE: 'the file is too large for this disk',
    FILE_BLOCKED: 'the browser or a policy blocked the file',
    FILE_VIRUS_INFECTED: 'a virus scanner blocked the file',
    FILE_SECURITY_CHECK_FAILED: 'a security check blocked the file',
  };
  return new LeanKitError(
    'disk',
    `The file could not be saved: ${why[reason] ?? `the browser reported ${reason}`}. Check the download folder and free space, then try again.`,
  );
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Tells when a download ends (complete or interrupted). It listens before the download starts,
 * because the browser may report the end before `download()` resolves with the id.
 */
class DownloadEnds {
  private readonly ended = new Set<number>();
  private waiting?: { id: number; resolve: (item: DownloadItem) => void };
  private readonly listener = (delta: Browser.downloads.DownloadDelta) => {
    const state = delta.state?.current;
    if (state === 'complete' || state === 'interrupted') this.end(delta.id);
  };

  constructor(private readonly downloads: Downloads) {
    downloads.onChanged.addListener(this.listener);
  }

  /** Also called with polled items, in case an event was missed. */
  check(item: DownloadItem): void {
    if (item.state === 'complete' || item.state === 'interrupted') this.end(item.id);
  }

  wait(id: number): Promise<DownloadItem> {
    return new Promise((resolve) => {
      this.waiting = { id, resolve };
      if (this.ended.has(id)) this.end(id);
      else void this.downloads.search({ id }).then(([item]) => item && this.check(item));
    });
  }

  dispose(): void {
    this.downloads.onChanged.removeListener(this.listener);
  }

  private end(id: number): void {
    this.ended.add(id);
    const waiting = this.waiting;
    if (waiting?.id !== id) return;
    this.waiting = undefined;
    // The final state, path and size come from a fresh look-up, not from the event's delta.
    void this.downloads.search({ id }).then(([item]) => {
      if (item) waiting.resolve(item);
    });
  }
}
