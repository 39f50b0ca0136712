import type { Browser } from 'wxt/browser';
import { LeanKitError } from '../errors';
import type { Format } from '../formats';
import { type ExportRecipe, isEmptyRecipe, recipeFormatProblem } from '../recipes/recipe';

/** The part of `browser.downloads` the downloader uses. */
type Downloads = Pick<
  typeof Browser.downloads,
  'download' | 'search' | 'cancel' | 'erase' | 'removeFile'
> & {
  onChanged: Pick<typeof Browser.downloads.onChanged, 'addListener' | 'removeListener'>;
};
type DownloadItem = Browser.downloads.DownloadItem;

/**
 * How an export's file is made (docs/architecture.md, "Export engine"). Either way it is fetched
 * where files are built (Chrome's offscreen document, Firefox's background page:
 * lib/jobs/exportBuilds.ts), by the API client, which follows no redirect, into a Blob whose
 * `blob:` URL the browser saves; the browser's download manager never gets the token.
 * - `direct`: LeanKit's bytes exactly as served.
 * - `processed`: the rows changed on the way (Excel-friendly CSV or TAB, chosen columns, filtered
 *   rows, an XLSX workbook made from LeanKit's CSV...).
 */
export type Route = 'direct' | 'processed';

/**
 * CSV and TAB are processed when Excel-friendly (the `excelFriendlyCsv` setting guards both) or
 * when a recipe changes their columns or rows. XLSX is always processed: LeanKit serves none, the
 * workbook is written from its CSV. JSON always goes direct: a recipe that would change it is
 * refused (`bad-request`), as columns and filters apply to CSV, TAB and XLSX rows only.
 */
export function chooseRoute(
  format: Format,
  excelFriendlyCsv: boolean,
  recipe?: ExportRecipe,
): Route {
  const problem = recipeFormatProblem(format, recipe);
  if (problem) throw new LeanKitError('bad-request', problem);
  if (format === 'json') return 'direct';
  if (format === 'xlsx') return 'processed';
  return excelFriendlyCsv || !isEmptyRecipe(recipe) ? 'processed' : 'direct';
}

export interface SaveRequest {
  /** The finished file, built where builds run. */
  blobUrl: string;
  fileName: string;
  signal?: AbortSignal;
  /** The browser's id of the download, as soon as it has one (to remove it after a restart). */
  onStarted?: (downloadId: number) => void;
  /** Whether the file takes the place of one of the same name; by default it is saved beside it. */
  replace?: boolean;
}

export interface SavedFile {
  downloadId: number;
  /** Absolute path on disk, as the browser reports it. */
  path: string;
  bytes: number;
}

/** How often a save is looked at, in case the browser's event of its end was missed. */
const POLL_MS = 500;

/** Saves finished files through the browser's downloads, and removes the ones that must not stand. */
export function createDownloader({ downloads }: { downloads: Downloads }) {
  /**
   * Saves a `blob:` URL under the file name (the browser adds " (1)" when the name is taken, unless
   * the file is to `replace` it) and
   * waits for the file to be written. When the save fails (the disk is full, the user cancelled it
   * in the browser's downloads list, the job's signal aborted), its partial file is removed and
   * the error says why.
   */
  async function saveBlobUrl({
    blobUrl,
    fileName,
    signal,
    onStarted,
    replace = false,
  }: SaveRequest): Promise<SavedFile> {
    signal?.throwIfAborted();
    const ends = new DownloadEnds(downloads);
    let downloadId: number;
    try {
      downloadId = await downloads.download({
        url: blobUrl,
        filename: fileName,
        conflictAction: replace ? 'overwrite' : 'uniquify',
        saveAs: false,
      });
    } catch (cause) {
      ends.dispose();
      throw new LeanKitError(
        'disk',
        `The browser would not start the download: ${messageOf(cause)}`,
      );
    }
    onStarted?.(downloadId);
    const onAbort = () => void downloads.cancel(downloadId).catch(() => undefined);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const poll = setInterval(async () => {
      const [item] = await downloads.search({ id: downloadId }).catch(() => []);
      if (item) ends.check(item);
    }, POLL_MS);
    try {
      const item = await ends.wait(downloadId);
      if (item.state === 'complete') {
        return { downloadId, path: item.filename, bytes: item.fileSize || item.bytesReceived };
      }
      await discard(downloadId);
      if (signal?.aborted) throw new LeanKitError('aborted', 'Cancelled.');
      throw interruptionError(item.error ?? 'FAILED');
    } finally {
      clearInterval(poll);
      signal?.removeEventListener('abort', onAbort);
      ends.dispose();
    }
  }

  /**
   * Removes a download that must not stand and its file, so nothing that looks complete is left.
   * `cancel` stops one in progress; `removeFile` deletes one that completed (a save the worker,
   * stopped since, no longer follows: the file is saved again from its build); `erase` also
   * removes the partial file of an interrupted one (Chromium keeps it after a crash, for
   * resuming).
   */
  async function discard(downloadId: number): Promise<void> {
    await downloads.cancel(downloadId).catch(() => undefined);
    await downloads.removeFile(downloadId).catch(() => undefined);
    await downloads.erase({ id: downloadId }).catch(() => undefined);
  }

  return { saveBlobUrl, discard };
}

export type Downloader = ReturnType<typeof createDownloader>;

/**
 * Why the browser interrupted a save. Writing a `blob:` URL needs no network: any reason but the
 * user's cancel or a file error means the browser could not read the built file (the page that
 * built it closed, say), and the job tries again (`network` is retried), building it afresh.
 */
function interruptionError(reason: string): LeanKitError {
  if (reason === 'USER_CANCELED') return new LeanKitError('aborted', 'The download was cancelled.');
  if (reason.startsWith('FILE_')) return diskError(reason);
  return new LeanKitError('network', `The browser stopped saving the file (${reason}). Try again.`);
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
