/**
 * Helpers for the end-to-end tests of processed exports (issue 13): read the file the extension
 * saved, fetch what the simulator serves for the same report, and work out, independently of
 * lib/pipeline, what a recipe must leave in the file, so a test can compare cell by cell. The
 * reference is written for plainness, not speed: whole tables in memory, one rule per filter.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { columnLabel } from '../../lib/columnGuide';
import { guardTypedCell } from '../../lib/csv/formulaGuard';
import type { ExportRecipe, RowFilters } from '../../lib/recipes/recipe';
import { findColumn, findReport, type Report } from '../../lib/reports';
import type { Simulator } from '../simulator/index';

export type DelimitedFormat = 'csv' | 'tab';

/** A delimited file as cells: its header row and its data rows (no header: an empty file). */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const BOM = '\uFEFF';

/**
 * Issue 13's "preset with 5 columns and a date filter" for the cards report: a new column order,
 * human headers, and a date range that, on the default simulator, keeps some cards of every board
 * and drops others, among them titles with commas, quotes and line breaks.
 */
export const FIVE_COLUMNS_RECIPE: ExportRecipe = {
  columns: ['cardTitle', 'cardId', 'currentLaneTitle', 'creationDate', 'lastActivityDate'],
  humanHeaders: true,
  filters: { dateRange: { column: 'creationDate', from: '2024-03-01', to: '2024-08-31' } },
};

/** A file's text as a table. A BOM is not part of the first cell. */
export function parseDelimited(text: string, format: DelimitedFormat): Table {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const records = format === 'csv' ? parseCsv(body) : parseTab(body);
  const [header = [], ...rows] = records;
  return { header, rows };
}

function parseCsv(text: string): string[][] {
  const { data, errors } = Papa.parse<string[]>(text, { delimiter: ',', quoteChar: '"' });
  if (errors.length > 0) throw new Error(`Not valid CSV: ${JSON.stringify(errors.slice(0, 3))}`);
  // The line break after the last row makes papaparse report one empty row more.
  const last = data.at(-1);
  return last?.length === 1 && last[0] === '' ? data.slice(0, -1) : data;
}

/** TAB is never quoted (docs/reporting-api.md §9): a quote is a character like any other. */
function parseTab(text: string): string[][] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

/** A saved export: whether it starts with a BOM, and its cells. */
export async function readExportFile(
  path: string,
  format: DelimitedFormat,
): Promise<{ bom: boolean; table: Table }> {
  const text = (await readFile(path)).toString('utf8');
  return { bom: text.startsWith(BOM), table: parseDelimited(text, format) };
}

/** What the simulator serves for `report` in `format`, for these boards (none: every board). */
export async function servedTable(
  sim: Simulator,
  report: Report,
  format: DelimitedFormat,
  boardIds: readonly string[] = [],
): Promise<Table> {
  const query = new URLSearchParams({ format });
  if (boardIds.length > 0) query.set('boardId', boardIds.join(','));
  const body = await sim.body(`/io/reporting/export/${report.path}?${query}`);
  return parseDelimited(body.toString('utf8'), format);
}

/** The table's rows as header → cell, for comparisons that do not depend on column order. */
export function recordsOf(table: Table): Record<string, string>[] {
  return table.rows.map((row) =>
    Object.fromEntries(table.header.map((header, i) => [header, row[i] ?? ''])),
  );
}

/**
 * Where a saved file first differs from the expected table, in words a failing test can show
 * ("row 3 (data row 2), column cardTitle: expected … got …"), or undefined when every cell matches.
 */
export function firstDifference(actual: Table, expected: Table): string | undefined {
  const header = compareCells('the header', actual.header, expected.header, expected.header);
  if (header) return header;
  for (let i = 0; i < Math.max(actual.rows.length, expected.rows.length); i++) {
    const where = `row ${i + 2} (data row ${i + 1})`;
    const row = compareCells(where, actual.rows[i], expected.rows[i], expected.header);
    if (row) return row;
  }
  return undefined;
}

function compareCells(
  where: string,
  actual: readonly string[] | undefined,
  expected: readonly string[] | undefined,
  header: readonly string[],
): string | undefined {
  if (!actual || !expected) {
    return `${where}: expected ${expected ? JSON.stringify(expected) : 'no row'}, got ${actual ? JSON.stringify(actual) : 'no row'}`;
  }
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (actual[i] !== expected[i]) {
      const column = header[i] ?? `#${i + 1}`;
      return `${where}, column ${column}: expected ${JSON.stringify(expected[i])}, got ${JSON.stringify(actual[i])}`;
    }
  }
  return undefined;
}

export interface ExpectedOptions {
  /** The report `served` is an export of. */
  readonly report: Report;
  readonly recipe: ExportRecipe;
  /** ISO date-time of the preset's last export; absent on its first run (every row is new). */
  readonly changedSince?: string;
  /**
   * The `customfields` report as served in the export's format, needed when `recipe.customFields`
   * is on: served as TAB, its values already have line breaks and tabs as spaces, as a TAB file
   * must.
   */
  readonly customFields?: Table;
}

/**
 * The table a processed export of `served` with this recipe must write. Rules, one each:
 * - columns: the recipe's ids in its order, leaving out those not served; without a list, every
 *   served column, those the catalogue knows first (served order), then the others;
 * - headers: the column ids, or with `humanHeaders` their labels (lib/columnGuide.ts); a column
 *   the catalogue does not know keeps its served header;
 * - a filter applies only where the report has the column it reads; `dateRange` keeps rows whose
 *   value's UTC day lies within `from`..`to` (inclusive; an empty value is outside);
 *   `changedSinceLastExport` keeps rows active strictly after `changedSince`; `archived` reads
 *   whether `archivedDate` is empty; `laneIds` reads the report's lane column; `cardTypeIds` reads
 *   `cardTypeId` and the type's name (`cardType` or `cardTypeTitle`), ignoring case; an empty id
 *   list does not filter;
 * - custom fields (cards only): one column per label, sorted (English collation), headed by the
 *   label; two values under one label on a card are joined by `; `; a card without a value gets an empty cell.
 * Dates are compared and written as served (UTC): a recipe with a time zone is refused (for a
 * zone, pass `inTimeZone(served, …)` and the recipe without it).
 */
export function expectedTable(served: Table, options: ExpectedOptions): Table {
  const { report, recipe } = options;
  if (recipe.timeZone !== undefined) {
    throw new Error('The reference export keeps dates as served (UTC); it has no time zones.');
  }
  const ids = served.header.map((header) => findColumn(report, header)?.id ?? header);
  const records = served.rows.map(
    (row) => new Map(ids.map((id, i): [string, string] => [id, row[i] ?? ''])),
  );
  const kept = records.filter((record) =>
    keeps(record, recipe.filters ?? {}, options.changedSince),
  );
  const isKnown = (id: string): boolean => report.columns.some((column) => column.id === id);
  const columns = recipe.columns
    ? recipe.columns.filter((id) => ids.includes(id))
    : [...ids.filter(isKnown), ...ids.filter((id) => !isKnown(id))];
  const fields =
    recipe.customFields && report.id === 'cards' ? customFieldTable(options.customFields) : null;
  const labels = fields ? [...fields.labels] : [];
  return {
    header: [
      ...columns.map((id) => (recipe.humanHeaders && isKnown(id) ? columnLabel(id) : id)),
      ...labels,
    ],
    rows: kept.map((record) => {
      const values = fields?.byCard.get(record.get('cardId') ?? '');
      return [
        ...columns.map((id) => record.get(id) ?? ''),
        ...labels.map((label) => values?.get(label) ?? ''),
      ];
    }),
  };
}

/** The lane id column of each report that has one, by preference. */
const LANE_COLUMNS = ['currentLaneId', 'laneId', 'currentTaskboardLaneId'];

function keeps(
  record: ReadonlyMap<string, string>,
  filters: RowFilters,
  changedSince: string | undefined,
): boolean {
  const { dateRange, archived, laneIds, cardTypeIds } = filters;
  if (dateRange && record.has(dateRange.column)) {
    const day = (record.get(dateRange.column) ?? '').slice(0, 10);
    if (day === '') return false;
    if (dateRange.from !== undefined && day < dateRange.from) return false;
    if (dateRange.to !== undefined && day > dateRange.to) return false;
  }
  if (
    filters.changedSinceLastExport &&
    changedSince !== undefined &&
    record.has('lastActivityDate')
  ) {
    const active = record.get('lastActivityDate') ?? '';
    if (active === '' || instant(active) <= Date.parse(changedSince)) return false;
  }
  if (archived !== undefined && record.has('archivedDate')) {
    if ((record.get('archivedDate') !== '') !== (archived === 'only')) return false;
  }
  const laneColumn = LANE_COLUMNS.find((column) => record.has(column));
  if (laneIds?.length && laneColumn && !laneIds.includes(record.get(laneColumn) ?? '')) {
    return false;
  }
  if (cardTypeIds?.length && record.has('cardTypeId')) {
    const wanted = cardTypeIds.map((entry) => entry.trim().toLowerCase());
    const named = ['cardTypeId', 'cardType', 'cardTypeTitle'].map((column) =>
      (record.get(column) ?? '').trim().toLowerCase(),
    );
    if (!named.some((name) => name !== '' && wanted.includes(name))) return false;
  }
  return true;
}

/** Epoch ms of a served date (`2019-04-15`) or date-time (`2019-04-15 19:05:14.9070000`, UTC). */
export function instant(served: string): number {
  const day = served.slice(0, 10);
  const time = served.length > 10 ? served.slice(11, 23) : '00:00:00';
  const parsed = Date.parse(`${day}T${time}Z`);
  if (Number.isNaN(parsed)) throw new Error(`Not a LeanKit date: ${served}`);
  return parsed;
}

interface CustomFieldTable {
  /** Labels sorted (English collation), so a file's columns stay put from one export to the next. */
  readonly labels: readonly string[];
  /** card id → label → value. */
  readonly byCard: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

function customFieldTable(served: Table | undefined): CustomFieldTable {
  const report = findReport('customfields');
  if (!served || !report) throw new Error('Custom field columns need the customfields report');
  const index = (id: string): number => {
    const at = served.header.findIndex((header) => findColumn(report, header)?.id === id);
    if (at < 0) throw new Error(`The customfields report has no ${id} column`);
    return at;
  };
  const [card, label, value] = [index('cardId'), index('label'), index('customFieldValue')];
  const labels = new Set<string>();
  const byCard = new Map<string, Map<string, string>>();
  for (const row of served.rows) {
    const cardId = row[card] ?? '';
    const name = row[label] ?? '';
    labels.add(name);
    const values = byCard.get(cardId) ?? new Map<string, string>();
    const earlier = values.get(name);
    // Two fields of one name on a card (e.g. from two boards) keep both values.
    values.set(
      name,
      earlier === undefined ? (row[value] ?? '') : `${earlier}; ${row[value] ?? ''}`,
    );
    byCard.set(cardId, values);
  }
  return { labels: [...labels].sort((a, b) => a.localeCompare(b, 'en')), byCard };
}

/**
 * An Excel-friendly file's cells: each data cell guarded as its column's type asks
 * (lib/csv/formulaGuard.ts, itself tested on its own), for `report`'s columns `columnIds`.
 */
export function guarded(table: Table, report: Report, columnIds: readonly string[]): Table {
  const types = columnIds.map((id) => findColumn(report, id)?.type ?? 'string');
  return {
    header: table.header,
    rows: table.rows.map((row) => row.map((cell, i) => guardTypedCell(cell, types[i] ?? 'string'))),
  };
}

/** A date-time as LeanKit serves it: `2019-04-15 19:05:14.9070000` (UTC). */
const SERVED_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/;

/**
 * `served` with every cell of `report`'s date-time columns written in the IANA `timeZone`, in the
 * served shape with the fraction kept, worked out one cell at a time with Node's Intl; dates
 * without a time and empty cells stay. `expectedTable` over this table, with the recipe's
 * `timeZone` left out, is what an export in that zone must write: its date range then reads the
 * zone's days.
 */
export function inTimeZone(served: Table, report: Report, timeZone: string): Table {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const convert = (cell: string): string => {
    const match = SERVED_DATE_TIME.exec(cell);
    if (!match) return cell;
    const [, day, time, fraction = ''] = match;
    const parts = new Map(
      format.formatToParts(Date.parse(`${day}T${time}Z`)).map((part) => [part.type, part.value]),
    );
    const [year, month, date, hour, minute, second] = [
      'year',
      'month',
      'day',
      'hour',
      'minute',
      'second',
    ].map((type) => parts.get(type as Intl.DateTimeFormatPartTypes) ?? '');
    return `${year}-${month}-${date} ${hour}:${minute}:${second}${fraction}`;
  };
  const isDateTime = served.header.map((header) => findColumn(report, header)?.type === 'datetime');
  return {
    header: served.header,
    rows: served.rows.map((row) => row.map((cell, i) => (isDateTime[i] ? convert(cell) : cell))),
  };
}
