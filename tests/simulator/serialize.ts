/**
 * Writes rows as CSV, TAB or JSON the way the simulator serves them (reporting-api.md §9: these are
 * our conventions, not documented facts). Each writer yields text chunks lazily so a caller can
 * stream any number of rows.
 */
import type { ServedFormat } from '../../lib/formats';
import type { Column } from '../../lib/reports';
import type { Conventions } from './conventions';
import type { CellValue, Row } from './rows';

export const CONTENT_TYPES: Readonly<Record<ServedFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  tab: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Whether LeanKit serves this format (it has no XLSX: the extension makes that from CSV). */
export function isServedFormat(value: unknown): value is ServedFormat {
  return typeof value === 'string' && Object.hasOwn(CONTENT_TYPES, value);
}

export interface SerializeOptions {
  /** CSV only: quote every field (the default) or only fields that need it (RFC 4180). */
  quoteAll: boolean;
  /**
   * CSV without quoteAll: quote only a field with a delimiter or line break, and write a `"` in any
   * other field as it is (a naive writer's output, not RFC 4180).
   */
  bareQuotes?: boolean;
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
  format: ServedFormat,
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
  const field =
    format === 'tab'
      ? tabField
      : options.quoteAll
        ? quotedField
        : options.bareQuotes
          ? naivelyQuotedField
          : minimallyQuotedField;
  const separator = format === 'tab' ? '\t' : ',';
  const header = options.header ?? columns.map((column) => column.id);
  const booleans = BOOLEAN_TEXT[options.booleans ?? 'lowercase'];
  yield `${header.map(field).join(separator)}\r\n`;
  // One text function per column, chosen once: this loop runs for every cell of a million-row export.
  const texts = columns.map((column) => cellText(column, booleans));
  const ids = columns.map((column) => column.id);
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < ids.length; i++) {
      const value = row[ids[i] as string] ?? null;
      if (i > 0) line += separator;
      line += value === null ? field('') : field((texts[i] as CellText)(value));
    }
    yield `${line}\r\n`;
  }
}

type CellText = (value: string | number | boolean) => string;

/** How a column's non-null values are written in CSV/TAB. */
function cellText(column: Column, booleans: readonly [string, string]): CellText {
  switch (column.type) {
    case 'bool':
      return (value) => booleans[Number(Boolean(value))] as string;
    case 'date':
      return (value) => formatDate(Number(value));
    case 'datetime':
      return (value) => formatDateTime(Number(value));
    case 'int':
      return (value) => String(Number(value));
    case 'string':
      return String;
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

/** `2019-04-15 19:05:14.9070000`: the form LeanKit's connector fixture shows (7 digits, UTC). */
export function formatDateTime(time: number): string {
  const ms = ((time % DAY_MS) + DAY_MS) % DAY_MS;
  const seconds = Math.floor(ms / 1000);
  return `${formatDate(time)} ${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${String(ms % 1000).padStart(3, '0')}0000`;
}

/** `YYYY-MM-DD` of a UTC time, by arithmetic: Date#toISOString is the slowest part of big exports. */
export function formatDate(time: number): string {
  // Days to civil date, after Howard Hinnant's `civil_from_days`.
  const z = Math.floor(time / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const DAY_MS = 86_400_000;

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function quotedField(text: string): string {
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

function minimallyQuotedField(text: string): string {
  return /[",\r\n]/.test(text) ? quotedField(text) : text;
}

function naivelyQuotedField(text: string): string {
  return /[,\r\n]/.test(text) ? quotedField(text) : text;
}

/** TAB has no quoting, so the characters that would split a row or a field become spaces. */
function tabField(text: string): string {
  return /[\t\r\n]/.test(text) ? text.replace(/[\t\r\n]/g, ' ') : text;
}
