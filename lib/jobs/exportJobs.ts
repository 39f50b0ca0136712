import { storage } from 'wxt/utils/storage';
import { createReportingClient } from '../api/reportingClient';
import type { Downloader } from '../downloads';
import { type ErrorInfo, LeanKitError, toErrorInfo } from '../errors';
import { exportFileName } from '../files';
import type { StartExportRequest } from '../messaging';
import { findReport, isFormat } from '../reports';
import type { SessionService } from '../session';
import { fileNamePatternItem } from '../settings';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** One export, as every part of the extension sees it. Holds no token. */
export interface ExportJob {
  id: string;
  reportId: string;
  format: StartExportRequest['format'];
  boardIds: string[];
  accountName: string;
  fileName: string;
  state: JobState;
  /** Bytes saved so far. */
  bytes: number;
  startedAt: number;
  finishedAt?: number;
  /** The browser's id of the download, to show or open the file. */
  downloadId?: number;
  /** Where the finished file is, as the browser reports it. */
  path?: string;
  error?: ErrorInfo;
}

/** Exports of this browser session, newest first. Session storage, so a reopened popup sees them. */
export const jobsItem = storage.defineItem<ExportJob[]>('session:jobs', { fallback: [] });

const KEPT_JOBS = 20;

interface Deps {
  session: SessionService;
  downloader: Downloader;
  fetch: typeof globalThis.fetch;
  now?: () => Date;
}

/** Runs exports: one job per request, its state published in `jobsItem` as it goes. */
export function createExportJobs({ session, downloader, fetch, now = () => new Date() }: Deps) {
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

  async function run(job: ExportJob, token: string, origin: string, signal: AbortSignal) {
    try {
      const client = createReportingClient({ fetch, origin });
      const saved = await downloader.save({
        url: client.exportUrl(job),
        token,
        fileName: job.fileName,
        signal,
        onProgress: (bytes) => void update(job.id, (j) => ({ ...j, bytes })),
      });
      await update(job.id, (j) => ({
        ...j,
        state: 'done',
        bytes: saved.bytes,
        downloadId: saved.downloadId,
        path: saved.path,
        finishedAt: now().getTime(),
      }));
    } catch (cause) {
      const error = toErrorInfo(cause);
      if (error.kind === 'token-expired') await session.dropToken(token);
      await update(job.id, (j) => ({
        ...j,
        state: error.kind === 'aborted' ? 'cancelled' : 'failed',
        error,
        finishedAt: now().getTime(),
      }));
    } finally {
      running.delete(job.id);
    }
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
      const { token, origin, accountName } = await session.require();
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
      };
      await add(job);
      const controller = new AbortController();
      running.set(job.id, controller);
      return { jobId: job.id, done: run(job, token, origin, controller.signal) };
    },

    /** Cancels a running export; its partial file is removed. */
    cancel(jobId: string): void {
      running.get(jobId)?.abort();
    },
  };
}

export type ExportJobs = ReturnType<typeof createExportJobs>;
