import type { ReportingClient } from '../api/reportingClient';
import type { Format } from '../formats';
import { findReport, type Report } from '../reports';
import type { ExportJob } from './jobRecords';
import { StallGuard } from './stallGuard';

/**
 * A direct export's file is LeanKit's bytes, copied as they come (lib/jobs/exportBuilds.ts): its
 * bytes are counted, never its rows. So a file small enough to be a header row (CSV/TAB) or `[]`
 * (JSON) alone is checked by asking LeanKit again for at most one row of the same export; any
 * larger file surely has rows and costs nothing extra. The bound allows every header cell a label a
 * little longer than its id, quoted, and a delimiter.
 */
export function mightBeEmpty(bytes: number, format: Format, report: Report): boolean {
  if (format === 'json') return bytes <= EMPTY_JSON_BYTES;
  const headerBound = report.columns.reduce((sum, column) => sum + column.id.length + 6, 2);
  return bytes <= headerBound;
}

/** `[]`, with room for whitespace and a byte-order mark. */
const EMPTY_JSON_BYTES = 16;

/** Whether an export's text holds at least one data row (CSV/TAB: a line after the header). */
export function hasDataRows(text: string, format: Format): boolean {
  if (format === 'json') {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return !Array.isArray(parsed) || parsed.length > 0;
  }
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').length > 1;
}

/**
 * True when a finished direct export of `bytes` has no data rows, asking LeanKit for its first row;
 * false when it has rows or when that cannot be known (the answer failed, or stalled), so "empty"
 * is never a guess.
 */
export async function isEmptyDirectExport({
  client,
  token,
  job,
  bytes,
  signal,
  stallTimeoutMs,
}: {
  /** A client for the account the export itself came from. */
  client: ReportingClient;
  token: string;
  job: Pick<ExportJob, 'reportId' | 'format' | 'boardIds'>;
  bytes: number;
  signal?: AbortSignal;
  /** Gives up (not known: false) when the answer, headers or body, takes longer than this. */
  stallTimeoutMs: number;
}): Promise<boolean> {
  const report = findReport(job.reportId);
  if (!report || !mightBeEmpty(bytes, job.format, report)) return false;
  const stall = new StallGuard(stallTimeoutMs, client.host, signal);
  try {
    const response = await stall.race(
      client.openExport(token, { ...job, page: { offset: 0, limit: 1 } }, stall.signal),
    );
    return !hasDataRows(await stall.race(response.text()), job.format);
  } catch {
    return false;
  } finally {
    stall.stop();
  }
}
