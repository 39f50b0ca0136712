/** The three formats the API serves, with what each file is called and typed. */
export const FORMATS = {
  csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv' },
  tab: { label: 'TAB', extension: 'tsv', mimeType: 'text/tab-separated-values' },
  json: { label: 'JSON', extension: 'json', mimeType: 'application/json' },
} as const;

export type Format = keyof typeof FORMATS;

export function isFormat(value: unknown): value is Format {
  return typeof value === 'string' && Object.hasOwn(FORMATS, value);
}
