import type { ExportJob } from '../jobs/jobRecords';
import { nextRunAfter } from './nextRun';
import { KEPT_RESULTS, MAX_FAILURES_IN_A_ROW, type RunResult, type Schedule } from './schedule';

export const PAUSED_AFTER_FAILURES = `Paused after ${MAX_FAILURES_IN_A_ROW} failed runs in a row. Fix what the last run says, then choose Resume.`;

/**
 * The schedule with one more result (newest first, the last `KEPT_RESULTS` kept). The run that
 * makes `MAX_FAILURES_IN_A_ROW` failures in a row pauses the schedule; a skipped run neither
 * counts as a failure nor breaks a row of them.
 */
export function withResult(schedule: Schedule, result: RunResult): Schedule {
  const results = [result, ...schedule.results].slice(0, KEPT_RESULTS);
  const next: Schedule = { ...schedule, results };
  const counted = results.filter((run) => run.at >= (schedule.resumedAt ?? 0));
  if (result.outcome === 'failed' && failuresInARow(counted) >= MAX_FAILURES_IN_A_ROW) {
    return { ...next, enabled: false, pausedAfterFailures: true, nextRunAt: undefined };
  }
  return next;
}

/** Failed runs since the last one that finished, skipped ones passed over. */
export function failuresInARow(results: readonly RunResult[]): number {
  let failures = 0;
  for (const result of results) {
    if (result.outcome === 'done') break;
    if (result.outcome === 'failed') failures += 1;
  }
  return failures;
}

/** A finished export job as its schedule's run result; null while it is still under way. */
export function resultOfJob(job: ExportJob): RunResult | null {
  if (job.state === 'running' || job.state === 'waiting-for-sign-in') return null;
  const base = { at: job.startedAt, jobId: job.id };
  if (job.state === 'done') {
    return { ...base, outcome: 'done', message: `Saved ${job.path ?? job.fileName}` };
  }
  return { ...base, outcome: 'failed', message: job.error?.message ?? 'Cancelled.' };
}

/**
 * Turned on (again, after a pause): runs from the next run time after `now`; the failures before
 * count no more towards a pause.
 */
export function enabled(schedule: Schedule, now: number): Schedule {
  return {
    ...schedule,
    enabled: true,
    pausedAfterFailures: undefined,
    resumedAt: now,
    nextRunAt: nextRunAfter(schedule.when, schedule.timeZone, now),
  };
}

/** Paused by the user: no run time until it is turned on again. */
export function paused(schedule: Schedule): Schedule {
  return {
    ...schedule,
    enabled: false,
    pausedAfterFailures: undefined,
    nextRunAt: undefined,
    waitingForSignIn: undefined,
  };
}
