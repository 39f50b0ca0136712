import {
  asLeanKitError,
  type ErrorInfo,
  LeanKitError,
  signedOutError,
  toErrorInfo,
} from '../errors';
import { exportFileName } from '../files';
import { FORMATS, isFormat } from '../formats';
import type { StartExportRequest } from '../messaging';
import { checkRecipe } from '../recipes/checkRecipe';
import { lastPresetExport, rememberPresetExport } from '../recipes/lastExports';
import { isEmptyRecipe } from '../recipes/recipe';
import { findReport } from '../reports';
import type { SessionService } from '../session';
import { newSnapshotJob, snapshotMimeType, snapshotSpec } from '../snapshot/snapshotJob';
import type { SnapshotOutput } from '../snapshot/snapshotOutputs';
import {
  boardListItem,
  excelFriendlyCsvItem,
  exportEngineStartedItem,
  fileNamePatternItem,
  jobsItem,
} from '../storage/items';
import { updateItem } from '../storage/updateItem';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  type RetryPolicy,
  retryDelayMs,
  sleep,
} from './backoff';
import { chooseRoute, type Downloader } from './downloads';
import type { ExportBuilder } from './exportBuilder';
import type { BuildAttempt, BuildProgress } from './exportBuilds';
import { ownerChange, userOf } from './jobOwner';
import { type ExportJob, isUnfinished, type ScheduledFile, trimFinished } from './jobRecords';
import type { KeepAwake } from './keepAwake';
import { readStallTimeoutMs } from './stallTimeout';
import { throttledProgress } from './throttledProgress';

const KEPT_JOBS = 20;
/**
 * A running job's progress is written to storage at most this often. Each write wakes every page
 * that follows the jobs (the popup redraws) and the background's own watchers: at four a second
 * they took about 0.2 s of the browser's CPU during a 1.2 s download, time the download itself
 * lacked on a busy machine. The popup's clock ticks once a second anyway.
 */
const PROGRESS_WRITE_MS = 1_000;

interface Deps {
  session: SessionService;
  /** Saves each built file's `blob:` URL through the browser's downloads. */
  downloader: Downloader;
  /**
   * Where every export, direct or processed, is fetched and built into a file
   * (lib/jobs/exportBuilds.ts), by the API client, which follows no redirect. The browser's
   * download manager gets only the finished file, never the token: it would follow a redirect to
   * another host with it, and Chrome's keeps request headers in its records.
   */
  builder: ExportBuilder;
  now?: () => Date;
  random?: () => number;
  retryPolicy?: RetryPolicy;
  /** Keeps the background awake while a job runs (lib/jobs/keepAwake.ts). */
  keepAwake?: KeepAwake;
}

/** Runs exports: one job per request, its state published in `jobsItem` as it goes. */
export function createExportJobs({
  session,
  downloader,
  builder,
  now = () => new Date(),
  random = Math.random,
  retryPolicy = DEFAULT_RETRY_POLICY,
  keepAwake,
}: Deps) {
  const running = new Map<string, AbortController>();
  // Through updateItem, so that concurrent jobs never lose each other's updates.
  function update(id: string, change: (job: ExportJob) => ExportJob): Promise<void> {
    return updateItem(jobsItem, (jobs) => jobs.map((job) => (job.id === id ? change(job) : job)));
  }

  function add(job: ExportJob): Promise<void> {
    return updateItem(jobsItem, (jobs) => trimFinished([job, ...jobs], KEPT_JOBS, isUnfinished));
  }

  /** Resolves once someone is signed in (the refused token was dropped, so this is a new one). */
  function signedIn(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const stop = () => {
        unwatch();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        stop();
        reject(signal.reason);
      };
      const resolveIfSignedIn = () =>
        void session.current().then((current) => {
          if (current) {
            stop();
            resolve();
          }
        });
      const unwatch = session.watch(resolveIfSignedIn);
      signal.addEventListener('abort', onAbort, { once: true });
      resolveIfSignedIn();
    });
  }

  /**
   * Runs a job to its end: retries rate limits, server and network errors with backoff, waits for
   * a new sign-in when the token expires, and, with `attachBuild`, re-attaches to the build still
   * running (or ended) where builds run, instead of starting over.
   */
  async function run(job: ExportJob, signal: AbortSignal, attachBuild = false): Promise<void> {
    let letSleep = keepAwake?.hold();
    /** Rows in the processed file so far. */
    let rows: number | undefined;
    /** The last failure LeanKit answered with (a 5xx), while attempts go on. */
    let serverFailure: LeanKitError | undefined;
    /** What the processed file's pipeline said about it (a column gone, no row matched). */
    let notes: string[] = [];
    let attempt = job.attempt ?? 1;
    const onProgress = throttledProgress(
      (progress: Pick<ExportJob, 'bytes' | 'rows' | 'step'>) =>
        update(job.id, (j) => (j.state === 'running' ? { ...j, ...progress } : j)),
      PROGRESS_WRITE_MS,
    );
    const onStarted = (downloadId: number) => void update(job.id, (j) => ({ ...j, downloadId }));
    let token = '';
    try {
      const stallTimeoutMs = await readStallTimeoutMs();
      for (;;) {
        const rowsBefore = rows ?? 0;
        try {
          const stored = await session.require();
          // Signed in again, as another user or to another account: this file is not theirs.
          const changed = ownerChange(job, stored);
          if (changed) throw changed;
          token = stored.token;
          const follow = {
            signal,
            onProgress: (progress: BuildProgress) => {
              rows = progress.rows;
              const { bytes, step } = progress;
              onProgress({ bytes, rows, ...(step ? { step } : {}) });
            },
          };
          const attached = attachBuild ? await builder.attach(job.id, follow) : undefined;
          if (attachBuild && !attached) {
            await update(job.id, (j) => ({ ...j, bytes: 0, rows: undefined }));
          }
          attachBuild = false;
          const progress =
            attached ??
            (await builder.attempt(
              job.id,
              buildAttempt(job, stored.origin, token, stallTimeoutMs),
              follow,
            ));
          rows = progress.rows;
          notes = progress.notes ?? [];
          const mimeType = job.snapshot
            ? snapshotMimeType(job.snapshot)
            : FORMATS[job.format].mimeType;
          const blobUrl = await builder.finish(job.id, mimeType);
          const saved = await downloader.saveBlobUrl({
            blobUrl,
            fileName: job.fileName,
            signal,
            onStarted,
            replace: job.replaceFile === true,
          });
          await update(job.id, (j) => ({
            ...j,
            state: 'done',
            bytes: saved.bytes,
            downloadId: saved.downloadId,
            path: saved.path,
            // Processed files count their rows; a direct one says 0 when it has none.
            rows,
            ...(notes.length > 0 ? { notes: [...(j.notes ?? []), ...notes] } : {}),
            error: undefined,
            finishedAt: now().getTime(),
          }));
          await rememberPresetExport({ ...job, state: 'done' });
          return;
        } catch (cause) {
          // Cancelled, or its user signed out: nothing to retry or wait for.
          if (signal.aborted) throw cause;
          const error = stillTheServers(asLeanKitError(cause), serverFailure);
          if (error.kind === 'server') serverFailure = error;
          if (
            error.kind === 'aborted' ||
            error.kind === 'bad-account' ||
            error.kind === 'other-user'
          ) {
            throw error;
          }
          if (error.kind === 'token-expired' || error.kind === 'not-signed-in') {
            if (token) await session.dropToken(token);
            // A sign-in may take hours, and it wakes the worker by itself (a storage change).
            letSleep?.();
            letSleep = undefined;
            await update(job.id, (j) => ({
              ...j,
              state: 'waiting-for-sign-in',
              error: error.toInfo(),
            }));
            await signedIn(signal);
            letSleep = keepAwake?.hold();
            await update(job.id, (j) => ({ ...j, state: 'running' }));
            continue;
          }
          // A processed export that got further before failing starts its count afresh.
          if ((rows ?? 0) > rowsBefore) attempt = 1;
          const delay = isRetryable(error)
            ? retryDelayMs(attempt, retryPolicy, random, error.retryAfterMs)
            : undefined;
          if (delay === undefined) {
            throw attempt > 1
              ? new LeanKitError(
                  error.kind,
                  `${error.message} (Gave up after ${attempt} attempts.)`,
                )
              : error;
          }
          attempt += 1;
          const retryAt = now().getTime() + delay;
          const { maxAttempts } = retryPolicy;
          await update(job.id, (j) => ({
            ...j,
            attempt,
            error: error.toInfo(),
            retryAt,
            maxAttempts,
          }));
          await sleep(delay, signal);
        }
      }
    } catch (cause) {
      const error = signal.aborted ? stopReason(signal) : toErrorInfo(cause);
      await update(job.id, (j) => ({
        ...j,
        state: signal.aborted || error.kind === 'aborted' ? 'cancelled' : 'failed',
        error,
        finishedAt: now().getTime(),
      }));
    } finally {
      running.delete(job.id);
      await builder.release(job.id).catch(() => undefined);
      letSleep?.();
    }
  }

  /** Claims the job for this worker, so resumeInterrupted() never runs it a second time. */
  function claim(jobId: string): AbortSignal {
    const controller = new AbortController();
    running.set(jobId, controller);
    return controller.signal;
  }

  return {
    /**
     * Starts an export and returns its job id at once; the job runs on in the background. A
     * recipe is checked here (a malformed one is refused, saying why); a preset id is recorded, and
     * with "changed since my last export" the job gets the start of that preset's last finished
     * export on this account (lib/recipes/lastExports.ts). A scheduled run names and places its
     * file as its schedule says, and its job is marked with the schedule.
     */
    async start(
      request: StartExportRequest,
      scheduled?: ScheduledFile,
    ): Promise<{ jobId: string; done: Promise<void> }> {
      if (!findReport(request.reportId)) {
        throw new LeanKitError('not-found', `There is no report called "${request.reportId}".`);
      }
      if (!isFormat(request.format)) {
        throw new LeanKitError(
          'bad-request',
          `"${request.format}" is not a format LeanKit serves.`,
        );
      }
      const checked = request.recipe && checkRecipe(request.recipe, request.reportId);
      const recipe = isEmptyRecipe(checked) ? undefined : checked;
      const { presetId } = request;
      const sinceLastExport = recipe?.filters?.changedSinceLastExport === true;
      if (sinceLastExport && presetId === undefined) {
        throw new LeanKitError('bad-request', CHANGED_SINCE_NEEDS_PRESET);
      }
      const excelFriendly = await excelFriendlyCsvItem.getValue();
      const route = chooseRoute(request.format, excelFriendly, recipe);
      const signedIn = await session.require();
      const { accountName } = signedIn;
      const startedAt = now();
      const lastExport =
        sinceLastExport && presetId !== undefined
          ? await lastPresetExport(presetId, signedIn.origin)
          : undefined;
      const job: ExportJob = {
        id: crypto.randomUUID(),
        reportId: request.reportId,
        format: request.format,
        boardIds: [...request.boardIds],
        accountName,
        origin: signedIn.origin,
        startedBy: userOf(signedIn),
        fileName:
          (scheduled?.folder ? `${scheduled.folder}/` : '') +
          exportFileName({
            ...request,
            accountName,
            date: startedAt,
            pattern: scheduled?.fileNamePattern ?? (await fileNamePatternItem.getValue()),
          }),
        state: 'running',
        bytes: 0,
        startedAt: startedAt.getTime(),
        route,
        attempt: 1,
        ...(route === 'processed' ? { excelFriendly } : {}),
        ...(presetId === undefined ? {} : { presetId }),
        ...(recipe ? { recipe } : {}),
        ...(lastExport !== undefined ? { changedSince: new Date(lastExport).toISOString() } : {}),
        ...(sinceLastExport && lastExport === undefined ? { notes: [FIRST_EXPORT_NOTE] } : {}),
        ...(scheduled
          ? {
              scheduleId: scheduled.scheduleId,
              ...(scheduled.replaceFile ? { replaceFile: true } : {}),
            }
          : {}),
      };
      const signal = claim(job.id);
      await add(job);
      return { jobId: job.id, done: run(job, signal) };
    },

    /**
     * Starts a board snapshot (lib/snapshot/): every board report of the boards (empty: all) in one
     * file, run as an export is, with the titles the board list knows for its About sheet. A
     * scheduled run names and places its file as its schedule says, as `start` does.
     */
    async startSnapshot(
      request: { boardIds: string[]; output: SnapshotOutput },
      scheduled?: ScheduledFile,
    ): Promise<{ jobId: string; done: Promise<void> }> {
      const signedIn = await session.require();
      const known = await boardListItem.getValue();
      const titles = new Map(
        known?.origin === signedIn.origin ? known.boards.map((b) => [b.id, b.title]) : [],
      );
      const snapshot = newSnapshotJob({
        ...request,
        id: crypto.randomUUID(),
        titles,
        accountName: signedIn.accountName,
        origin: signedIn.origin,
        startedBy: userOf(signedIn),
        startedAt: now(),
        pattern: scheduled?.fileNamePattern ?? (await fileNamePatternItem.getValue()),
      });
      const job: ExportJob = scheduled
        ? {
            ...snapshot,
            fileName: (scheduled.folder ? `${scheduled.folder}/` : '') + snapshot.fileName,
            scheduleId: scheduled.scheduleId,
            ...(scheduled.replaceFile ? { replaceFile: true } : {}),
          }
        : snapshot;
      const signal = claim(job.id);
      await add(job);
      return { jobId: job.id, done: run(job, signal) };
    },

    /** Cancels a running export; its partial file is removed. */
    cancel(jobId: string): void {
      running.get(jobId)?.abort();
    },

    /**
     * Stops every export under way, running or waiting for a sign-in, because the user who started
     * them signed out: none may go on with a later sign-in. Each ends `cancelled`, saying why, its
     * partial file removed, as soon as its download or request has stopped.
     */
    stopAll(): void {
      const reason = signedOutError();
      for (const controller of running.values()) controller.abort(reason);
    },

    /**
     * At every start of the service worker, every job that was still running goes on. A save of
     * its file the browser had under way is removed, partial file and all (the file is saved again
     * from its build). After a service-worker restart the job re-attaches to its build if that is
     * still running (or ended) where builds run: Chrome's offscreen document outlives the worker;
     * Firefox's background page, which builds there, ended with it, and the export starts over
     * with a clean file.
     *
     * After a browser restart, every build ended with the browser: every export starts afresh and
     * says so (`restartedAfterBrowserClosed`); when nobody is signed in, it ends `interrupted`,
     * for the user to retry. Returns when all of them have ended.
     */
    async resumeInterrupted(): Promise<void> {
      const afterBrowserRestart = !(await exportEngineStartedItem.getValue());
      await exportEngineStartedItem.setValue(true);
      const jobs = await jobsItem.getValue();
      // A file whose job ended (or was cleared) while no worker ran will never be saved.
      void builder
        .keepOnly([...jobs.filter(isUnfinished).map((job) => job.id), ...running.keys()])
        .catch(() => undefined);
      const unfinished = jobs.filter((job) => isUnfinished(job) && !running.has(job.id));
      const resumed = unfinished.map(async (job) => {
        const signal = claim(job.id);
        if (job.downloadId !== undefined) await downloader.discard(job.downloadId);
        // The build decides: going on if it is still there, else afresh.
        if (!afterBrowserRestart) return run(job, signal, true);
        if (!(await session.current())) {
          running.delete(job.id);
          await update(job.id, (j) => ({
            ...j,
            state: 'failed',
            error: { kind: 'interrupted', message: INTERRUPTED_MESSAGE },
            finishedAt: now().getTime(),
          }));
          return;
        }
        await update(job.id, (j) => ({
          ...j,
          state: 'running',
          bytes: 0,
          rows: undefined,
          downloadId: undefined,
          restartedAfterBrowserClosed: true,
        }));
        return run(job, signal);
      });
      await Promise.all(resumed);
    },
  };
}

/** One request for a built file: LeanKit's bytes as served, or converted (processed route). */
function buildAttempt(
  job: ExportJob,
  origin: string,
  token: string,
  stallTimeoutMs: number,
): BuildAttempt {
  const format = FORMATS[job.format].served;
  const request = { reportId: job.reportId, format, boardIds: job.boardIds };
  if (job.snapshot) {
    return { origin, token, request, stallTimeoutMs, snapshot: snapshotSpec(job, job.snapshot) };
  }
  if (job.route !== 'processed') return { origin, token, request, stallTimeoutMs };
  // chooseRoute() sends only CSV, TAB and XLSX here: reaching this is a bug, not a user's mistake.
  if (job.format === 'json') throw new TypeError(`no processed ${job.format}`);
  const convert = {
    reportId: job.reportId,
    format: job.format,
    // Processed jobs of older versions were all Excel-friendly.
    excelFriendly: job.excelFriendly ?? true,
    recipe: job.recipe ?? {},
    changedSince: job.changedSince,
  };
  return { origin, token, request, stallTimeoutMs, convert };
}

const INTERRUPTED_MESSAGE = 'Interrupted when the browser closed. Choose Retry to export it again.';
const CHANGED_SINCE_NEEDS_PRESET =
  '"Changed since my last export" works with a saved preset. Save these columns and filters as a preset, then export with it.';
const FIRST_EXPORT_NOTE =
  'This preset had not exported from this account before, so the file has every row. Next time it will have only the rows changed since this export began.';

/** Why a job was stopped: its user signed out, or (any other abort) the user cancelled it. */
function stopReason(signal: AbortSignal): ErrorInfo {
  return signal.reason instanceof LeanKitError
    ? signal.reason.toInfo()
    : { kind: 'aborted', message: 'Cancelled.' };
}

export type ExportJobs = ReturnType<typeof createExportJobs>;

/**
 * After LeanKit answered an attempt with a server error, Chrome throttles the extension's next
 * requests to that address (they fail before leaving the browser, as if the account could not be
 * reached). Such a failure says nothing new: the server's failure stands, and the user is not sent
 * to check their connection.
 */
function stillTheServers(
  error: LeanKitError,
  serverFailure: LeanKitError | undefined,
): LeanKitError {
  return error.kind === 'unreachable' && serverFailure ? serverFailure : error;
}
