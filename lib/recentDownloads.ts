import type { ErrorInfo } from './errors';
import type { ExportJob } from './jobs/jobRecords';
import type { Format } from './reports';
import { recentDownloadsItem } from './storage/items';
import { updateItem } from './storage/updateItem';

/** How an export ended. Jobs in any other state (running, waiting…) are not recorded yet. */
export type FinishedState = 'done' | 'failed' | 'cancelled';

/** One finished export, as the popup lists it. Holds no token. */
export interface RecentDownload {
  jobId: string;
  reportId: string;
  format: Format;
  /** Empty for all boards. */
  boardIds: string[];
  accountName: string;
  state: FinishedState;
  bytes: number;
  fileName: string;
  startedAt: number;
  finishedAt: number;
  /** The browser's download id, to show the file in its folder. */
  downloadId?: number;
  error?: ErrorInfo;
  /** The browser closed mid-export, and the export started over when it reopened. */
  restartedAfterBrowserClosed?: boolean;
}

export const RECENT_DOWNLOADS_KEPT = 20;

const FINISHED: ReadonlySet<string> = new Set<FinishedState>(['done', 'failed', 'cancelled']);

/** True once a job has ended; states the engine may add later (e.g. waiting) count as not yet. */
export function isFinished(state: string): state is FinishedState {
  return FINISHED.has(state);
}

/** The record of a job that has ended, or null while it has not. Copies named fields only. */
export function recentFromJob(job: ExportJob): RecentDownload | null {
  if (!isFinished(job.state)) return null;
  return {
    jobId: job.id,
    reportId: job.reportId,
    format: job.format,
    boardIds: [...job.boardIds],
    accountName: job.accountName,
    state: job.state,
    bytes: job.bytes,
    fileName: job.fileName,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt ?? job.startedAt,
    ...(job.downloadId === undefined ? {} : { downloadId: job.downloadId }),
    ...(job.error ? { error: { kind: job.error.kind, message: job.error.message } } : {}),
    ...(job.restartedAfterBrowserClosed ? { restartedAfterBrowserClosed: true } : {}),
  };
}

/** Adds newly finished jobs to `recent`, newest first, at most 20; null when nothing changed. */
export function mergeFinishedJobs(
  recent: readonly RecentDownload[],
  jobs: readonly ExportJob[],
): RecentDownload[] | null {
  const known = new Set(recent.map((entry) => entry.jobId));
  const added = jobs
    .filter((job) => !known.has(job.id))
    .map(recentFromJob)
    .filter((entry): entry is RecentDownload => entry !== null);
  if (added.length === 0) return null;
  return [...added, ...recent]
    .sort((a, b) => b.finishedAt - a.finishedAt)
    .slice(0, RECENT_DOWNLOADS_KEPT);
}

/**
 * Keeps `recentDownloadsItem` up to date from the jobs the export engine publishes, through
 * updateItem so that quick successive job updates cannot lose a record.
 */
export function createRecentDownloadsRecorder() {
  return {
    record(jobs: readonly ExportJob[]): Promise<void> {
      return updateItem(
        recentDownloadsItem,
        (recent) => mergeFinishedJobs(recent, jobs) ?? undefined,
      );
    },
  };
}
