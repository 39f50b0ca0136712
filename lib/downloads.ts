import type { Browser } from 'wxt/browser';
import { errorFromFetchFailure, errorFromResponse, LeanKitError } from './errors';

/** The part of `browser.downloads` the downloader uses. */
type Downloads = Pick<typeof Browser.downloads, 'download' | 'search' | 'cancel' | 'erase'> & {
  onChanged: Pick<typeof Browser.downloads.onChanged, 'addListener' | 'removeListener'>;
};
type DownloadItem = Browser.downloads.DownloadItem;

export interface SaveRequest {
  /** The export URL, without the token. */
  url: string;
  token: string;
  fileName: string;
  signal?: AbortSignal;
  /** Bytes written so far, called while the file downloads. */
  onProgress?: (bytes: number) => void;
}

export interface SavedFile {
  downloadId: number;
  /** Absolute path on disk, as the browser reports it. */
  path: string;
  bytes: number;
}

const PROGRESS_INTERVAL_MS = 500;

/**
 * Saves exports through the browser's download manager.
 *
 * Route (../shared/design.md, "Downloads under MV3"): the browser downloads the export URL itself
 * with the token in an Authorization header, so the bytes go straight to disk exactly as LeanKit
 * serves them, whatever their size, with no copy in extension memory, and the download survives
 * the service worker being stopped. When the browser reports a server failure it only says
 * "interrupted", so we ask the server once more to tell the user why.
 */
export function createDownloader({
  downloads,
  fetch,
}: {
  downloads: Downloads;
  fetch: typeof globalThis.fetch;
}) {
  async function save({
    url,
    token,
    fileName,
    signal,
    onProgress,
  }: SaveRequest): Promise<SavedFile> {
    signal?.throwIfAborted();
    const ends = new DownloadEnds(downloads);
    let downloadId: number;
    try {
      downloadId = await downloads.download({
        url,
        filename: fileName,
        headers: [{ name: 'Authorization', value: `Bearer ${token}` }],
        conflictAction: 'uniquify',
        saveAs: false,
      });
    } catch (cause) {
      ends.dispose();
      throw new LeanKitError(
        'disk',
        `The browser would not start the download: ${messageOf(cause)}`,
      );
    }

    const onAbort = () => void downloads.cancel(downloadId).catch(() => undefined);
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
      if (item.state === 'complete') {
        return { downloadId, path: item.filename, bytes: item.fileSize || item.bytesReceived };
      }
      await discard(downloadId);
      if (signal?.aborted) throw new LeanKitError('aborted', 'Cancelled.');
      throw await explainInterruption(item.error ?? 'FAILED', url, token);
    } finally {
      clearInterval(progress);
      signal?.removeEventListener('abort', onAbort);
      ends.dispose();
    }
  }

  /** Removes an unfinished download and its partial file, so nothing that looks complete is left. */
  async function discard(downloadId: number): Promise<void> {
    await downloads.cancel(downloadId).catch(() => undefined);
    await downloads.erase({ id: downloadId }).catch(() => undefined);
  }

  async function explainInterruption(reason: string, url: string, token: string) {
    if (reason === 'USER_CANCELED')
      return new LeanKitError('aborted', 'The download was cancelled.');
    if (reason.startsWith('FILE_')) return diskError(reason);
    const host = new URL(url).host;
    if (reason.startsWith('SERVER_')) {
      // The browser hides the server's answer; ask again and read LeanKit's own error body.
      try {
        const response = await fetch(url, {
          headers: { Authorization: `Bearer ${token}` },
          credentials: 'omit',
        });
        if (!response.ok) return errorFromResponse(response);
        await response.body?.cancel();
      } catch (cause) {
        return errorFromFetchFailure(cause, host);
      }
      return new LeanKitError(
        'server',
        `LeanKit stopped sending the export (${reason}). Try again.`,
      );
    }
    return new LeanKitError(
      'network',
      `The connection to ${host} broke during the download. Check your connection and try again.`,
    );
  }

  return { save, discard };
}

export type Downloader = ReturnType<typeof createDownloader>;

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
