import type { ExportRecipe } from '../recipes/recipe';
import { REPORT_LIST, type ReportSummary } from '../reportList';

/** One report of a snapshot: where it goes in the file and how its rows are read. */
export interface SnapshotStepPlan {
  readonly report: ReportSummary;
  /** The workbook's sheet ("Card positions"), unique and within Excel's 31 characters. */
  readonly sheetName: string;
  /** The zip's file (`cardpositions.csv`). */
  readonly fileName: string;
  /** The cards take their custom fields as columns; every other report is as served. */
  readonly recipe: ExportRecipe;
}

/**
 * Every report a board filter narrows, in the order lists show them; the custom fields are the
 * Cards sheet's columns rather than a table of their own (one row per card, not per value).
 */
export const SNAPSHOT_PLAN: readonly SnapshotStepPlan[] = REPORT_LIST.filter(
  (report) => report.boardScoped && report.id !== 'customfields',
).map((report) => ({
  report,
  sheetName: report.label,
  fileName: `${report.id}.csv`,
  recipe: report.id === 'cards' ? { customFields: true } : {},
}));

/** The sheet (and zip file) that says what the snapshot is. */
export const ABOUT_SHEET = 'About';
