import { byteSize } from '../byteSize';
import type { ErrorKind } from '../errors';
import { type RecentDownload, recentFromJob } from '../recentDownloads';
import { NO_ROW_MATCHED } from '../recipes/recipe';
import { findReportSummary } from '../reportList';
import { SNAPSHOT_LABEL, SNAPSHOT_REPORT_ID, stepText } from '../snapshot/snapshotOutputs';
import type { ExportJob } from './jobRecords';
import { noRowsSentence } from './noRowsSentence';

// How an export reads to the user, the same in the progress row, the result line and what screen
// readers announce.

export function reportLabel(reportId: string): string {
  if (reportId === SNAPSHOT_REPORT_ID) return SNAPSHOT_LABEL;
  return findReportSummary(reportId)?.label ?? reportId;
}

/** What the user is told is happening while an export waits to try again. */
const RETRY_CAUSE: Partial<Record<ErrorKind, string>> = {
  'rate-limited': 'LeanKit is busy',
  server: 'LeanKit is busy',
  network: 'The connection to LeanKit broke',
  unreachable: 'LeanKit could not be reached',
  timeout: 'LeanKit is slow to answer',
};

/** "LeanKit is busy: retrying in 4 s (attempt 2 of 5)", while a retry is due; else null. */
export function retryingText(job: ExportJob, now: number): string | null {
  if (job.state !== 'running' || job.retryAt === undefined || job.retryAt <= now) return null;
  const cause = (job.error && RETRY_CAUSE[job.error.kind]) ?? 'The export failed';
  const seconds = Math.ceil((job.retryAt - now) / 1000);
  return `${cause}: retrying in ${seconds} s (${attemptText(job)})`;
}

function attemptText(job: ExportJob): string {
  return job.maxAttempts
    ? `attempt ${job.attempt} of ${job.maxAttempts}`
    : `attempt ${job.attempt}`;
}

/** 0:07, 12:34, 1:02:03. */
export function elapsedText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/**
 * One line for an export under way: paused, retrying, or what is saved so far and for how long.
 * The size is never known in advance, so there is no percentage.
 */
export function progressText(job: ExportJob, now: number): string {
  if (job.state === 'waiting-for-sign-in') return 'Paused until you sign in again';
  const retrying = retryingText(job, now);
  if (retrying) return retrying;
  return [
    stepText(job),
    typeof job.rows === 'number' ? `${job.rows.toLocaleString('en-US')} rows` : null,
    `${byteSize(job.bytes)} saved`,
    elapsedText(now - job.startedAt),
    (job.attempt ?? 1) > 1 ? attemptText(job) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "No rows: this board has no cards you can see". */
export function noRowsText(reportId: string, boardIds: readonly string[]): string {
  const report = findReportSummary(reportId);
  return noRowsSentence(report?.label ?? reportId, report?.boardScoped ?? false, boardIds.length);
}

/** How a finished export ended, in one sentence after its report's name. */
export function resultText(entry: RecentDownload): string {
  if (entry.state === 'failed') return entry.error?.message ?? 'The export failed.';
  if (entry.state === 'cancelled') return cancelledText(entry);
  if (entry.rows === 0) return emptyText(entry);
  return `Saved as ${entry.fileName}`;
}

/** Why a finished file has no data rows: its filters kept none, or there were none to export. */
export function emptyText(entry: Pick<RecentDownload, 'reportId' | 'boardIds' | 'notes'>): string {
  return entry.notes?.includes(NO_ROW_MATCHED)
    ? NO_ROW_MATCHED
    : noRowsText(entry.reportId, entry.boardIds);
}

/** The notes of a finished file that `resultText` did not already say. */
export function otherNotes(entry: Pick<RecentDownload, 'notes'>): string[] {
  return (entry.notes ?? []).filter((note) => note !== NO_ROW_MATCHED);
}

/** "Cancelled" when the user cancelled it; the reason when something else stopped it (a sign-out). */
export function cancelledText(entry: RecentDownload): string {
  return entry.error && entry.error.kind !== 'aborted' ? entry.error.message : 'Cancelled';
}

/** What to announce: `polite` for starts, retries and results, `alert` for failures. */
export interface Announcement {
  polite: string[];
  alert: string[];
}

/** What changed between two publications of the jobs, as screen readers should hear it. */
export function announce(
  before: readonly ExportJob[],
  after: readonly ExportJob[],
  now: number,
): Announcement {
  const previous = new Map(before.map((job) => [job.id, job]));
  const said: Announcement = { polite: [], alert: [] };
  for (const job of [...after].reverse()) {
    const was = previous.get(job.id);
    const label = reportLabel(job.reportId);
    const finished = recentFromJob(job);
    if (finished) {
      if (was && was.state === job.state) continue;
      const line = [`${label}: ${resultText(finished)}`, ...otherNotes(finished)].join(' ');
      if (finished.state === 'failed') said.alert.push(line);
      else said.polite.push(line);
    } else if (!was) {
      said.polite.push(`Exporting ${label}…`);
    } else if (job.step && job.step.number !== was.step?.number) {
      said.polite.push(`${label}: ${stepText(job)}`);
    } else if (job.state === 'waiting-for-sign-in' && was.state !== job.state) {
      said.polite.push(`${label}: ${progressText(job, now)}`);
    } else if (job.retryAt !== undefined && job.retryAt !== was.retryAt) {
      said.polite.push(`${label}: ${retryingText(job, now) ?? `retrying (${attemptText(job)})`}`);
    }
  }
  return said;
}
