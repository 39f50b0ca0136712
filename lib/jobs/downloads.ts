import type { Browser } from 'wxt/browser';
import { unexpectedContent } from '../api/exportContent';
import type { ExportSource } from '../api/reportingClient';
import { incompleteError, LeanKitError, serverError, timeoutError } from '../errors';
import type { Format } from '../formats';
import { type ExportRecipe, isEmptyRecipe, recipeFormatProblem } from '../recipes/recipe';
import { createStallClock } from './stallTimeout';

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
 * - `direct`: LeanKit's bytes exactly as served, fetched where files are built (Chrome's offscreen
 *   document, Firefox's background page: lib/jobs/exportBuilds.ts) into a Blob whose `blob:` URL
 *   the browser saves. A download manager given the URL and the token would follow a redirect to
 *   another host and save its bytes (Chrome's sends the header along and keeps it on disk).
 * - `processed`: the data is fetched and changed (Excel-friendly CSV or TAB, chosen columns,
 *   filtered rows...) where the Blob is built, and the browser saves its `blob:` URL.
 */
export type Route = 'direct' | 'processed';

/**
 * CSV and TAB are processed when Excel-friendly (the `excelFriendlyCsv` setting guards both) or
 * when a recipe changes their columns or rows. JSON always goes direct: a recipe that would change
 * it is refused (`bad-request`), as columns and filters apply to CSV and TAB rows only.
 */
export function chooseRoute(
  format: Format,
  excelFriendlyCsv: boolean,
  recipe?: ExportRecipe,
): Route {
  const problem = recipeFormatProblem(format, recipe);
  if (problem) throw new LeanKitError('bad-request', problem);
  if (format === 'json') return 'direct';
  return excelFriendlyCsv || !isEmptyRecipe(recipe) ? 'processed' : 'direct';
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
  /** Give up (timeout error, partial file removed) once no byte arrived for this long. */
  stallTimeoutMs?: number;
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
  /** Give up (timeout error, partial file removed) once no byte arrived for this long. */
  stallTimeoutMs?: number;
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
    { signal, onProgress, source, stallTimeoutMs }: FollowOptions,
    ends = new DownloadEnds(downloads),
  ): Promise<SavedFile> {
    const onAbort = () => void downloads.cancel(downloadId).catch(() => undefined);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const stall = stallTimeoutMs === undefined ? undefined : createStallClock(stallTimeoutMs);
    let stalled = false;
    const progress = setInterval(async () => {
      const [item] = await downloads.search({ id: downloadId }).catch(() => []);
      if (item) {
        onProgress?.(item.bytesReceived);
        if (item.state === 'in_progress' && stall?.stalled(item)) {
          stalled = true;
          onAbort();
        }
        ends.check(item);
      }
    }, PROGRESS_INTERVAL_MS);

    try {
      const item = await ends.wait(downloadId);
      if (item.state === 'complete') {
        const bytes = item.fileSize || item.bytesReceived;
        if (source) await discardUnless(downloadId, () => checkWhole(item, bytes, source));
        return { downloadId, path: item.filename, bytes };
      }
      await discard(downloadId);
      if (signal?.aborted) throw new LeanKitError('aborted', 'Cancelled.');
      if (stalled && stallTimeoutMs !== undefined) {
        throw timeoutError(source?.host ?? 'LeanKit', stallTimeoutMs);
      }
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
    stallTimeoutMs,
  }: SaveRequest): Promise<SavedFile> {
    signal?.throwIfAborted();
    const ends = new DownloadEnds(downloads);
    const starting = start({ ...source.download, filename: fileName }, ends);
    const downloadId =
      stallTimeoutMs === undefined
        ? await starting
        : await startedInTime(starting, { stallTimeoutMs, host: source.host, signal, ends });
    onStarted?.(downloadId);
    return follow(downloadId, { signal, onProgress, source, stallTimeoutMs }, ends);
  }

  /**
   * Chrome gives a download its id only once the server's headers came, so a server that never
   * answers keeps `download()` pending: past the stall time (or on cancel) the attempt ends, and
   * the download, if the browser starts it later after all, is removed at once.
   */
  async function startedInTime(
    starting: Promise<number>,
    {
      stallTimeoutMs,
      host,
      signal,
      ends,
    }: { stallTimeoutMs: number; host: string; signal?: AbortSignal; ends: DownloadEnds },
  ): Promise<number> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const late = new Promise<'stalled' | 'aborted'>((resolve) => {
      timer = setTimeout(() => resolve('stalled'), stallTimeoutMs);
      onAbort = () => resolve('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    const first = await Promise.race([starting, late]).finally(() => {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    });
    if (typeof first === 'number') return first;
    ends.dispose();
    void starting.then(discard, () => undefined);
    if (first === 'aborted') throw new LeanKitError('aborted', 'Cancelled.');
    throw timeoutError(host, stallTimeoutMs);
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

  /** Runs a check of a finished download; when it throws, the file is removed first. */
  async function discardUnless(downloadId: number, check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (cause) {
      await discard(downloadId);
      throw cause;
    }
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
 * "Complete" from the browser is not enough for a direct download (Firefox's route; Chrome's
 * offscreen fetch checks its own answer as it reads it). Measured in Chromium 156
 * (tests/e2e/completeFiles.spec.ts): a `200` sign-in page or JSON notice completes (saved as .html
 * or .json, its `mime` says which), and a gzip stream cut before its trailer or a close-delimited
 * body cut mid-row completes with `totalBytes` equal to `bytesReceived`, exactly like a whole
 * file. So the `mime` must be the format's, the size the declared one when `totalBytes` is known,
 * and, as the downloads API cannot show the file's last byte, a second request confirms the end
 * (`ExportSource.confirmWhole`): from its headers alone when their framing (plain chunked, or a
 * Content-Length) let the browser check the end itself, the common case; otherwise by reading
 * that answer through, which must end well (a line break; `]`) and be exactly as long as the file.
 * The second transfer is paid only for gzip and close-delimited answers. It assumes the server
 * frames an export the same way each time; data that changed in between fails the check, and the
 * retry downloads again.
 */
async function checkWhole(item: DownloadItem, bytes: number, source: ExportSource): Promise<void> {
  const wrong = unexpectedContent(item.mime, source.format, source.host);
  if (wrong) throw wrong;
  if (item.totalBytes > 0 && item.totalBytes !== bytes) throw incompleteError(source.host);
  await source.confirmWhole(bytes);
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
