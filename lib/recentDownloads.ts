import type { ErrorInfo } from './errors';
import type { Format } from './formats';
import type { ExportJob } from './jobs/jobRecords';
import type { ExportRecipe } from './recipes/recipe';
import type { SnapshotOutput } from './snapshot/snapshotOutputs';
import { recentClearedAtItem, recentDownloadsItem } from './storage/items';
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
  /** The name the browser saved the file under (`… (1).csv` beside an older file), else the name asked for. */
  fileName: string;
  /** 0 when the export had no data rows; absent when unknown (direct exports count bytes). */
  rows?: number;
  startedAt: number;
  finishedAt: number;
  /** The browser's download id, to show the file in its folder. */
  downloadId?: number;
  error?: ErrorInfo;
  /** The browser closed mid-export, and the export started over when it reopened. */
  restartedAfterBrowserClosed?: boolean;
  /** What the user should know about the file (a column LeanKit no longer serves, no row matched). */
  notes?: string[];
  /** The export's columns and filters and its preset, so that _Retry_ exports the same again. */
  recipe?: ExportRecipe;
  presetId?: string;
  /** Started by a scheduled export (lib/schedules/), not by a click. */
  scheduleId?: string;
  /** A board snapshot's file, so that _Retry_ takes the same snapshot again. */
  snapshot?: SnapshotOutput;
}

export const RECENT_DOWNLOADS_KEPT = 20;

/** Empties the list, for good: the jobs in it are not merged back in. */
export async function clearRecentDownloads(now: number): Promise<void> {
  await recentClearedAtItem.setValue(now);
  await recentDownloadsItem.setValue([]);
}

/** The file name at the end of a path the browser reports (`/` or `\\` separated). */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

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
    fileName: job.path ? fileNameOf(job.path) : job.fileName,
    ...(job.rows === 0 ? { rows: 0 } : {}),
    startedAt: job.startedAt,
    finishedAt: job.finishedAt ?? job.startedAt,
    ...(job.downloadId === undefined ? {} : { downloadId: job.downloadId }),
    ...(job.error ? { error: { kind: job.error.kind, message: job.error.message } } : {}),
    ...(job.restartedAfterBrowserClosed ? { restartedAfterBrowserClosed: true } : {}),
    ...(job.notes?.length ? { notes: [...job.notes] } : {}),
    ...(job.recipe ? { recipe: structuredClone(job.recipe) } : {}),
    ...(job.presetId === undefined ? {} : { presetId: job.presetId }),
    ...(job.scheduleId === undefined ? {} : { scheduleId: job.scheduleId }),
    ...(job.snapshot ? { snapshot: job.snapshot.output } : {}),
  };
}

/**
 * Adds jobs that finished after `clearedAt` to `recent`, newest first, at most 20; null when nothing
 * changed.
 */
export function mergeFinishedJobs(
  recent: readonly RecentDownload[],
  jobs: readonly ExportJob[],
  clearedAt = 0,
): RecentDownload[] | null {
  const known = new Set(recent.map((entry) => entry.jobId));
  const added = jobs
    .filter((job) => !known.has(job.id))
    .map(recentFromJob)
    .filter((entry): entry is RecentDownload => entry !== null && entry.finishedAt > clearedAt);
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
      return updateItem(recentDownloadsItem, async (recent) => {
        const clearedAt = await recentClearedAtItem.getValue();
        return mergeFinishedJobs(recent, jobs, clearedAt) ?? undefined;
      });
    },
  };
}
