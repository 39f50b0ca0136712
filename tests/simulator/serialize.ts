/**
 * Writes rows as CSV, TAB or JSON the way the simulator serves them (reporting-api.md §9: these are
 * our conventions, not documented facts). Each writer yields text chunks lazily so a caller can
 * stream any number of rows.
 */
import type { Column, Format } from '../../lib/reports';
import type { Conventions } from './conventions';
import type { CellValue, Row } from './rows';

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  csv: 'text/csv; charset=utf-8',
  tab: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface SerializeOptions {
  /** CSV only: quote every field (the default) or only fields that need it (RFC 4180). */
  quoteAll: boolean;
  /** CSV/TAB header cells; default the column ids. */
  header?: readonly string[];
  /** CSV/TAB spelling of booleans; default `true`/`false`. */
  booleans?: Conventions['booleans'];
}

const BOOLEAN_TEXT: Readonly<Record<Conventions['booleans'], readonly [string, string]>> = {
  lowercase: ['false', 'true'],
  capitalized: ['False', 'True'],
  numeric: ['0', '1'],
};

/** Rows are batched into chunks of about this many characters, so writes are not per row. */
const CHUNK_CHARS = 64 * 1024;

export function* serialize(
  format: Format,
  columns: readonly Column[],
  rows: Iterable<Row>,
  options: SerializeOptions,
): Generator<string> {
  const lines =
    format === 'json' ? jsonParts(columns, rows) : delimitedLines(format, columns, rows, options);
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function* delimitedLines(
  format: 'csv' | 'tab',
  columns: readonly Column[],
  rows: Iterable<Row>,
  options: SerializeOptions,
): Generator<string> {
  const field = format === 'tab' ? tabField : options.quoteAll ? quotedField : minimallyQuotedField;
  const separator = format === 'tab' ? '\t' : ',';
  const header = options.header ?? columns.map((column) => column.id);
  const booleans = BOOLEAN_TEXT[options.booleans ?? 'lowercase'];
  yield `${header.map(field).join(separator)}\r\n`;
  for (const row of rows) {
    const cells = columns.map((column) => {
      const value = row[column.id] ?? null;
      return field(
        column.type === 'bool' && value !== null
          ? (booleans[Number(Boolean(value))] as string)
          : textCell(column, value),
      );
    });
    yield `${cells.join(separator)}\r\n`;
  }
}

function* jsonParts(columns: readonly Column[], rows: Iterable<Row>): Generator<string> {
  yield '[';
  let first = true;
  for (const row of rows) {
    const object: Record<string, CellValue> = {};
    for (const column of columns) object[column.id] = jsonCell(column, row[column.id] ?? null);
    yield (first ? '' : ',') + JSON.stringify(object);
    first = false;
  }
  yield ']';
}

/** A cell as JSON: ids and text as strings, ints as numbers, dates in the API's own text form. */
export function jsonCell(column: Column, value: CellValue): CellValue {
  if (value === null) return null;
  switch (column.type) {
    case 'date':
      return formatDate(Number(value));
    case 'datetime':
      return formatDateTime(Number(value));
    case 'int':
      return Number(value);
    case 'bool':
      return Boolean(value);
    case 'string':
      return String(value);
  }
}

/** A cell as CSV/TAB text: empty for null, `true`/`false` for booleans. */
export function textCell(column: Column, value: CellValue): string {
  const cell = jsonCell(column, value);
  return cell === null ? '' : String(cell);
}

/** `2019-04-15 19:05:14.9070000`: the form LeanKit's connector fixture shows (7 digits, UTC). */
export function formatDateTime(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}0000`;
}

export function formatDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function quotedField(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function minimallyQuotedField(text: string): string {
  return /[",\r\n]/.test(text) ? quotedField(text) : text;
}

/** TAB has no quoting, so the characters that would split a row or a field become spaces. */
function tabField(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}
