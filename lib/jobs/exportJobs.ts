import { createReportingClient } from '../api/reportingClient';
import { chooseRoute, type Downloader, type SavedFile } from '../downloads';
import { isAbort, LeanKitError, toErrorInfo } from '../errors';
import { exportFileName } from '../files';
import type { StartExportRequest } from '../messaging';
import { FORMATS, findReport, isFormat } from '../reports';
import type { SessionService } from '../session';
import { excelFriendlyCsvItem, fileNamePatternItem } from '../settings';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  type RetryPolicy,
  retryAfterOf,
  retryDelayMs,
  sleep,
} from './backoff';
import type { BlobSink } from './blobFiles';
import { isEmptyDirectExport } from './emptyExport';
import { type ExportJob, jobsItem } from './jobRecords';
import { ProcessedExport } from './processedExport';

const KEPT_JOBS = 20;
const PROGRESS_WRITE_MS = 250;

interface Deps {
  session: SessionService;
  downloader: Downloader;
  fetch: typeof globalThis.fetch;
  /** Where processed exports are built (lib/jobs/blobFiles.ts). */
  blobs: BlobSink;
  now?: () => Date;
  random?: () => number;
  retryPolicy?: RetryPolicy;
}

/** Runs exports: one job per request, its state published in `jobsItem` as it goes. */
export function createExportJobs({
  session,
  downloader,
  fetch,
  blobs,
  now = () => new Date(),
  random = Math.random,
  retryPolicy = DEFAULT_RETRY_POLICY,
}: Deps) {
  const running = new Map<string, AbortController>();
  // Storage writes are read-modify-write; chaining them keeps concurrent jobs from losing updates.
  let writes = Promise.resolve();

  function update(id: string, change: (job: ExportJob) => ExportJob): Promise<void> {
    writes = writes.then(async () => {
      const jobs = await jobsItem.getValue();
      await jobsItem.setValue(jobs.map((job) => (job.id === id ? change(job) : job)));
    });
    return writes;
  }

  function add(job: ExportJob): Promise<void> {
    writes = writes.then(async () => {
      const jobs = await jobsItem.getValue();
      await jobsItem.setValue([job, ...jobs].slice(0, KEPT_JOBS));
    });
    return writes;
  }

  /** Resolves once someone is signed in (the refused token was dropped, so this is a new one). */
  function signedIn(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const stop = () => {
        unwatch();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        stop();
        reject(new LeanKitError('aborted', 'Cancelled.'));
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
   * a new sign-in when the token expires, and re-attaches to `reattach` (a download the browser
   * kept running while the service worker was stopped) instead of starting over.
   */
  async function run(job: ExportJob, signal: AbortSignal, reattach?: number): Promise<void> {
    const route = job.route ?? 'direct';
    let processed: ProcessedExport | undefined;
    let attempt = job.attempt ?? 1;
    let lastProgressWrite = 0;
    const onProgress = (progress: { bytes: number; rows?: number }) => {
      const at = Date.now();
      if (at - lastProgressWrite < PROGRESS_WRITE_MS) return;
      lastProgressWrite = at;
      void update(job.id, (j) => (j.state === 'running' ? { ...j, ...progress } : j));
    };
    const onStarted = (downloadId: number) => void update(job.id, (j) => ({ ...j, downloadId }));
    let token = '';
    try {
      for (;;) {
        const rowsBefore = processed?.rows ?? 0;
        try {
          const stored = await session.require();
          if (stored.accountName !== job.accountName) {
            // Signed in again, but to another account: its data must not go into this file.
            throw new LeanKitError(
              'bad-account',
              `You are now signed in to ${stored.accountName}, but this export is from ${job.accountName}. Sign in to ${job.accountName} and start it again.`,
            );
          }
          token = stored.token;
          const url = createReportingClient({ fetch, origin: stored.origin }).exportUrl(job);
          let saved: SavedFile;
          if (reattach !== undefined) {
            const downloadId = reattach;
            reattach = undefined;
            saved = await downloader.follow(downloadId, {
              signal,
              onProgress: (bytes) => onProgress({ bytes }),
              source: { url, token },
            });
          } else if (route === 'direct') {
            saved = await downloader.save({
              url,
              token,
              fileName: job.fileName,
              signal,
              onProgress: (bytes) => onProgress({ bytes }),
              onStarted,
            });
          } else {
            const report = findReport(job.reportId);
            if (!report)
              throw new LeanKitError('not-found', `There is no report called "${job.reportId}".`);
            processed ??= new ProcessedExport({
              fetch,
              url,
              report,
              sink: blobs,
              fileId: job.id,
              onProgress,
            });
            await processed.attempt(token, signal);
            const blobUrl = await blobs.finish(job.id, FORMATS[job.format].mimeType);
            saved = await downloader.saveBlobUrl({
              blobUrl,
              fileName: job.fileName,
              signal,
              onStarted,
            });
          }
          const empty =
            !processed &&
            (await isEmptyDirectExport({
              fetch,
              origin: stored.origin,
              token,
              job,
              bytes: saved.bytes,
              signal,
            }));
          await update(job.id, (j) => ({
            ...j,
            state: 'done',
            bytes: saved.bytes,
            downloadId: saved.downloadId,
            path: saved.path,
            rows: processed?.rows ?? (empty ? 0 : j.rows),
            error: undefined,
            finishedAt: now().getTime(),
          }));
          return;
        } catch (cause) {
          const error = asLeanKitError(cause);
          if (error.kind === 'aborted') throw error;
          if (error.kind === 'token-expired' || error.kind === 'not-signed-in') {
            if (token) await session.dropToken(token);
            await update(job.id, (j) => ({
              ...j,
              state: 'waiting-for-sign-in',
              error: error.toInfo(),
            }));
            await signedIn(signal);
            await update(job.id, (j) => ({ ...j, state: 'running' }));
            continue;
          }
          // A processed export that got further before failing starts its count afresh.
          if ((processed?.rows ?? 0) > rowsBefore) attempt = 1;
          const delay = isRetryable(error)
            ? retryDelayMs(attempt, retryPolicy, random, retryAfterOf(error))
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
      const error = toErrorInfo(isAbort(cause) ? new LeanKitError('aborted', 'Cancelled.') : cause);
      await update(job.id, (j) => ({
        ...j,
        state: error.kind === 'aborted' ? 'cancelled' : 'failed',
        error,
        finishedAt: now().getTime(),
      }));
    } finally {
      running.delete(job.id);
      if (route === 'processed') await blobs.release(job.id).catch(() => undefined);
    }
  }

  /** Claims the job for this worker, so resumeInterrupted() never runs it a second time. */
  function claim(jobId: string): AbortSignal {
    const controller = new AbortController();
    running.set(jobId, controller);
    return controller.signal;
  }

  return {
    /** Starts an export and returns its job id at once; the job runs on in the background. */
    async start(request: StartExportRequest): Promise<{ jobId: string; done: Promise<void> }> {
      if (!findReport(request.reportId)) {
        throw new LeanKitError('not-found', `There is no report called "${request.reportId}".`);
      }
      if (!isFormat(request.format)) {
        throw new LeanKitError(
          'bad-request',
          `"${request.format}" is not a format LeanKit serves.`,
        );
      }
      const { accountName } = await session.require();
      const startedAt = now();
      const job: ExportJob = {
        id: crypto.randomUUID(),
        reportId: request.reportId,
        format: request.format,
        boardIds: [...request.boardIds],
        accountName,
        fileName: exportFileName({
          ...request,
          accountName,
          date: startedAt,
          pattern: await fileNamePatternItem.getValue(),
        }),
        state: 'running',
        bytes: 0,
        startedAt: startedAt.getTime(),
        route: chooseRoute(request.format, await excelFriendlyCsvItem.getValue()),
        attempt: 1,
      };
      const signal = claim(job.id);
      await add(job);
      return { jobId: job.id, done: run(job, signal) };
    },

    /** Cancels a running export; its partial file is removed. */
    cancel(jobId: string): void {
      running.get(jobId)?.abort();
    },

    /**
     * After the service worker was stopped and started again: every job that was still running
     * goes on. A direct download the browser kept going is re-attached by its id; anything else
     * (a processed export, whose fetch died with the worker) starts over with a clean file.
     * Returns when all of them have ended.
     */
    async resumeInterrupted(): Promise<void> {
      const unfinished = (await jobsItem.getValue()).filter(
        (job) =>
          (job.state === 'running' || job.state === 'waiting-for-sign-in') && !running.has(job.id),
      );
      const resumed = unfinished.map(async (job) => {
        const signal = claim(job.id);
        let reattach: number | undefined;
        if (job.downloadId !== undefined) {
          const item = await downloader.find(job.downloadId);
          if (job.route !== 'processed' && item && item.state !== 'interrupted') {
            reattach = job.downloadId;
          } else {
            await downloader.discard(job.downloadId);
          }
        }
        if (job.route === 'processed') await blobs.release(job.id).catch(() => undefined);
        if (reattach === undefined) {
          await update(job.id, (j) => ({ ...j, bytes: 0, rows: undefined, downloadId: undefined }));
        }
        return run(job, signal, reattach);
      });
      await Promise.all(resumed);
    },
  };
}

export type ExportJobs = ReturnType<typeof createExportJobs>;

function asLeanKitError(cause: unknown): LeanKitError {
  if (cause instanceof LeanKitError) return cause;
  if (isAbort(cause)) return new LeanKitError('aborted', 'Cancelled.');
  const info = toErrorInfo(cause);
  return new LeanKitError(info.kind, info.message);
}
