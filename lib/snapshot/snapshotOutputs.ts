/**
 * What the popup and the board button need to know of a board snapshot: its two kinds of file and
 * its words. Light on purpose: they must not carry the writers (or the popup its budget).
 */

/** An Excel workbook, a sheet per report; or a .zip of CSV files, one per report. */
export type SnapshotOutput = 'xlsx' | 'csv-zip';

export function isSnapshotOutput(value: unknown): value is SnapshotOutput {
  return value === 'xlsx' || value === 'csv-zip';
}

/** The report id a snapshot's job records and its file name carry. */
export const SNAPSHOT_REPORT_ID = 'snapshot';

/** What buttons, progress and the recent downloads call it. */
export const SNAPSHOT_LABEL = 'Board snapshot';

/** The .zip variant, as in "Board snapshot as CSV (.zip)". */
export const SNAPSHOT_ZIP_LABEL = 'CSV (.zip)';

/** A snapshot's report being fetched: "Lanes (3 of 12)"; null for an export. */
export function stepText({
  step,
}: {
  step?: { label: string; number: number; count: number };
}): string | null {
  return step ? `${step.label} (${step.number} of ${step.count})` : null;
}
