import type { ErrorInfo } from '../errors';
import type { Format } from '../formats';
import type { ExportRecipe } from '../recipes/recipe';
import type { SnapshotJob, SnapshotStep } from '../snapshot/snapshotJob';
import type { Route } from './downloads';

// The job records alone, apart from the engine that runs them (exportJobs.ts): the popup reads
// them, and importing the engine would bring the row pipeline into the popup's bundle.

/**
 * `running` → `done` | `failed` | `cancelled`. A job whose token LeanKit stopped accepting waits in
 * `waiting-for-sign-in` (keeping its progress) and runs on as soon as the user signs in again.
 */
export type JobState = 'running' | 'waiting-for-sign-in' | 'done' | 'failed' | 'cancelled';

/**
 * Who started an export: only this user's token may carry it on (lib/jobs/jobOwner.ts). Each part
 * is there when known: the token's user id claim, the email signed in with (lower case).
 */
export interface JobUser {
  userId?: string;
  email?: string;
}

/** One export, as every part of the extension sees it. Holds no token. */
export interface ExportJob {
  id: string;
  reportId: string;
  format: Format;
  boardIds: string[];
  accountName: string;
  /** The account's address (`https://acme.leankit.com`); absent on jobs from older versions. */
  origin?: string;
  /** The user who started it; absent on jobs from older versions. */
  startedBy?: JobUser;
  fileName: string;
  state: JobState;
  /** Bytes saved so far (processed exports: bytes received from LeanKit until the file is saved). */
  bytes: number;
  startedAt: number;
  finishedAt?: number;
  /** The browser's id of the download, set as soon as the browser starts it. */
  downloadId?: number;
  /** Where the finished file is, as the browser reports it. */
  path?: string;
  /** Why it failed; while running or waiting, the last failure it is recovering from. */
  error?: ErrorInfo;
  /** How the bytes reach the disk (see lib/jobs/downloads.ts); absent on jobs from older versions. */
  route?: Route;
  /**
   * Rows in the file so far. Processed exports count them; direct ones count bytes and only learn
   * that a finished file has none (0, see ExportBuilds' raw copy).
   */
  rows?: number;
  /** 1 for the first try; higher while retrying after rate limits, server or network errors. */
  attempt?: number;
  /** The browser closed mid-export, and the export started over from the beginning when it reopened. */
  restartedAfterBrowserClosed?: boolean;
  /** When the next attempt starts (ms since the epoch), set with each retry. */
  retryAt?: number;
  /** Attempts allowed in all, set with each retry: "attempt 2 of 5". */
  maxAttempts?: number;
  /** The preset it was started with (lib/recipes/presets.ts), if any. */
  presetId?: string;
  /** How the file's columns and rows differ from LeanKit's (processed route); absent: as served. */
  recipe?: ExportRecipe;
  /**
   * With the recipe's "changed since my last export": only rows active after this (ISO date-time),
   * the start of the preset's last finished export. Absent then on its first export: every row.
   */
  changedSince?: string;
  /** Excel-friendly (BOM, formula guard), as the setting was when the export started. */
  excelFriendly?: boolean;
  /** Things the user should know about the file, e.g. that a filter had nothing to compare with yet. */
  notes?: string[];
  /** The scheduled export that started it (lib/schedules/), if any. */
  scheduleId?: string;
  /** Its file takes the place of the file of the same name (a schedule's "Replace the previous file"). */
  replaceFile?: boolean;
  /** A board snapshot (lib/snapshot/): every board report in one file, instead of `reportId`'s. */
  snapshot?: SnapshotJob;
  /** A snapshot's report being fetched now. */
  step?: SnapshotStep;
}

/** How a scheduled run's file is saved: in a folder of the downloads folder, named by its pattern. */
export interface ScheduledFile {
  scheduleId: string;
  /** Inside the downloads folder (`LeanKit/weekly`); empty for the downloads folder itself. */
  folder: string;
  fileNamePattern: string;
  replaceFile: boolean;
}

/** Still under way: running, or waiting for a sign-in to go on. */
export function isUnfinished(job: Pick<ExportJob, 'state'>): boolean {
  return job.state === 'running' || job.state === 'waiting-for-sign-in';
}

/**
 * At most `limit` entries of a newest-first list, the oldest finished ones dropped first. An entry
 * still under way is never dropped, even beyond the limit: its export would lose its record.
 */
export function trimFinished<T>(
  list: readonly T[],
  limit: number,
  unfinished: (entry: T) => boolean,
): T[] {
  let room = limit - list.filter(unfinished).length;
  return list.filter((entry) => unfinished(entry) || room-- > 0);
}
