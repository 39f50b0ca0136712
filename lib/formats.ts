/**
 * The formats a file can be, with what each file is called and typed, and what LeanKit is asked
 * for (`served`). LeanKit serves CSV, TAB and JSON; it has no XLSX, so an XLSX workbook is made
 * from its CSV, always on the processed route (lib/jobs/downloads.ts).
 */
export const FORMATS = {
  csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv', served: 'csv' },
  tab: { label: 'TAB', extension: 'tsv', mimeType: 'text/tab-separated-values', served: 'tab' },
  json: { label: 'JSON', extension: 'json', mimeType: 'application/json', served: 'json' },
  xlsx: {
    label: 'XLSX',
    extension: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    served: 'csv',
  },
} as const;

export type Format = keyof typeof FORMATS;

/** A format LeanKit serves: what an export request asks for. */
export type ServedFormat = (typeof FORMATS)[Format]['served'];

export function isFormat(value: unknown): value is Format {
  return typeof value === 'string' && Object.hasOwn(FORMATS, value);
}
