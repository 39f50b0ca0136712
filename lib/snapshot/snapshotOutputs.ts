/**
 * The two files a board snapshot can be, as lists and buttons name them. Light on purpose: the
 * popup and the board button import it, and must not carry the writers.
 */

/** An Excel workbook, a sheet per report; or a .zip of CSV files, one per report. */
export type SnapshotOutput = 'xlsx' | 'csv-zip';

export interface SnapshotOutputInfo {
  /** How the popup and the board menu name it. */
  readonly label: string;
  readonly extension: string;
  readonly mimeType: string;
}

export const SNAPSHOT_OUTPUTS: Readonly<Record<SnapshotOutput, SnapshotOutputInfo>> = {
  xlsx: {
    label: 'Excel workbook (.xlsx)',
    extension: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'csv-zip': {
    label: 'CSV files (.zip)',
    extension: 'zip',
    mimeType: 'application/zip',
  },
};

export function isSnapshotOutput(value: unknown): value is SnapshotOutput {
  return value === 'xlsx' || value === 'csv-zip';
}

/** The report id a snapshot's job records and its file name carry. */
export const SNAPSHOT_REPORT_ID = 'snapshot';

/** What buttons, progress and the recent downloads call it. */
export const SNAPSHOT_LABEL = 'Board snapshot';

/** A snapshot's report being fetched: "Lanes (3 of 12)"; null for an export. */
export function stepText({
  step,
}: {
  step?: { label: string; number: number; count: number };
}): string | null {
  return step ? `${step.label} (${step.number} of ${step.count})` : null;
}
