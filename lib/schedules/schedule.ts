import type { Format } from '../formats';
import type { SnapshotOutput } from '../snapshot/snapshotOutputs';

// A scheduled export, as the user set it up and as the background keeps it (lib/schedules/).

/**
 * What a schedule exports: a saved preset (its report, format, boards and recipe, as they are at
 * run time), a report in a format for some boards (none: all boards), or a board snapshot (every
 * board report in one workbook, or CSV files in a .zip) of some boards (none: all boards).
 */
export type ScheduleWhat =
  | { kind: 'preset'; presetId: string }
  | { kind: 'report'; reportId: string; format: Format; boardIds: string[] }
  | { kind: 'snapshot'; output: SnapshotOutput; boardIds: string[] };

/** The days a daily-kind schedule runs on, Sunday 0 to Saturday 6, as `Date.getDay()` counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * When it runs, in its time zone's wall-clock time (`time` is `HH:MM`, 24-hour): every hour at a
 * minute past, every day, Monday to Friday, or one day a week.
 */
export type ScheduleWhen =
  | { every: 'hour'; minute: number }
  | { every: 'day'; time: string }
  | { every: 'weekday'; time: string }
  | { every: 'week'; day: Weekday; time: string };

/**
 * Where its files go: a folder inside the browser's downloads folder (`LeanKit/weekly`; empty for
 * the downloads folder itself), the file name pattern (lib/files.ts), and whether each run
 * replaces the file of the one before or is kept beside it.
 */
export interface ScheduleWhere {
  folder: string;
  fileNamePattern: string;
  keep: 'replace' | 'each-run';
}

/** What the user sets up: the part the options page edits. */
export interface ScheduleSetup {
  name: string;
  what: ScheduleWhat;
  when: ScheduleWhen;
  /** IANA time zone the times are in, the user's own when they set it up (`Europe/Berlin`). */
  timeZone: string;
  where: ScheduleWhere;
}

/** How a run ended. `skipped`: it did not start (the one before was still going, say). */
export type RunOutcome = 'done' | 'failed' | 'skipped';

/** One run, as the schedule's history lists it. */
export interface RunResult {
  /** When the run started (ms since the epoch). */
  at: number;
  outcome: RunOutcome;
  /** Where the file is (done), or why it failed or did not start, in words. */
  message: string;
  /** The export job, when one ran. */
  jobId?: string;
}

/** A schedule with its state. Only the background writes it (lib/schedules/scheduleStore.ts). */
export interface Schedule extends ScheduleSetup {
  id: string;
  /** Off while paused, by the user or after failures (`pausedAfterFailures`). */
  enabled: boolean;
  /** Paused by the extension itself after `MAX_FAILURES_IN_A_ROW` failed runs. */
  pausedAfterFailures?: boolean;
  /** When it was last turned on (ms): failed runs before then count no more towards a pause. */
  resumedAt?: number;
  /** The next run time (ms since the epoch), while enabled. */
  nextRunAt?: number;
  /** The export job of the run under way, if any. */
  runningJobId?: string;
  /** A run is due but waits for the user to sign in again (the token expired). */
  waitingForSignIn?: boolean;
  /** The last runs, newest first, at most `KEPT_RESULTS`. */
  results: RunResult[];
}

export const KEPT_RESULTS = 20;
export const MAX_FAILURES_IN_A_ROW = 3;
