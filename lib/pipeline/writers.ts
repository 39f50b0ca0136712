/**
 * The write stage's cell spellings. CSV quotes every field, as LeanKit's own CSV does, writing the
 * quotes itself rather than through a general CSV writer (papaparse's `unparse` alone took longer
 * than the download). TAB has no quoting, so what would split a row or a field becomes a space,
 * as in LeanKit's TAB.
 */

/** UTF-8 byte-order mark: tells Excel the file is UTF-8, so non-ASCII text opens correctly. */
export const BOM = '\uFEFF';

/** A cell as a quoted CSV field. */
export function csvField(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** A cell as a TAB field. */
export function tabField(value: string): string {
  return /[\t\r\n]/.test(value) ? value.replace(/[\t\r\n]/g, ' ') : value;
}

export interface Dialect {
  readonly delimiter: string;
  readonly field: (value: string) => string;
}

export const DIALECTS: Readonly<Record<'csv' | 'tab', Dialect>> = {
  csv: { delimiter: ',', field: csvField },
  tab: { delimiter: '\t', field: tabField },
};
