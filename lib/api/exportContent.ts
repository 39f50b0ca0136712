import type { LeanKitError } from '../errors';
import { FORMATS, type ServedFormat } from '../formats';
import { unexpectedAnswerError } from './requestErrors';

/**
 * Content types a format may arrive with: the ones the simulator serves (docs/reporting-api.md §9)
 * and their common aliases. LeanKit's own are not documented (§10), so types that claim nothing
 * (none, `text/plain`, `application/octet-stream`) pass too, and the end checks do the work.
 */
const TYPES: Readonly<Record<ServedFormat, readonly string[]>> = {
  csv: ['text/csv', 'application/csv', 'text/comma-separated-values'],
  tab: ['text/tab-separated-values', 'text/tsv'],
  json: ['application/json', 'text/json'],
};
const UNLABELLED = ['', 'text/plain', 'application/octet-stream'];
const WEB_PAGES = ['text/html', 'application/xhtml+xml'];

/**
 * The error for a `200` answer whose Content-Type says it is not the report asked for: a sign-in
 * or captive-portal page, a JSON notice. Undefined when it may be the report.
 */
export function unexpectedContent(
  contentType: string | null | undefined,
  format: ServedFormat,
  host: string,
): LeanKitError | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (TYPES[format].includes(type) || UNLABELLED.includes(type)) return undefined;
  const received = WEB_PAGES.includes(type)
    ? 'web-page'
    : TYPES.json.includes(type)
      ? 'json'
      : 'other';
  return unexpectedAnswerError(host, received, FORMATS[format].label);
}

/** Whether a body's last characters can end a whole export: CSV/TAB a line break, JSON `]`. */
export function endsWhole(tail: string, format: ServedFormat): boolean {
  return format === 'json' ? tail.trimEnd().endsWith(']') : tail.endsWith('\n');
}

/** The body's length in bytes as its Content-Length declares it, when it counts the bytes we read. */
export function declaredLength(headers: Headers): number | undefined {
  const encoding = (headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  const length = headers.get('content-length');
  // With gzip, Content-Length counts the encoded bytes; a reader sees the decoded ones.
  if (encoding !== 'identity' || length === null || !/^\d+$/.test(length.trim())) return undefined;
  return Number(length);
}

/**
 * Whether an export's whole text holds at least one data row (CSV/TAB: a non-blank line after the
 * header; JSON: an array with an element). Text that is not valid JSON counts as having rows: only
 * a file surely empty is called so.
 */
export function hasDataRows(text: string, format: ServedFormat): boolean {
  if (format === 'json') {
    try {
      const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
      return !Array.isArray(parsed) || parsed.length > 0;
    } catch {
      return true;
    }
  }
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').length > 1;
}
