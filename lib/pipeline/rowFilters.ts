/**
 * The filter stage: which rows a recipe keeps. Each filter reads one column and applies only where
 * the report serves that column; a filter the report cannot apply is left out with a note.
 */
import { columnLabel } from '../columnGuide';
import type { RowFilters } from '../recipes/recipe';
import type { Report } from '../reports';
import { parseUtcDateTime } from './dates';
import type { RecordView } from './records';

/** The columns that say which lane a row is in, by report. */
const LANE_COLUMNS = ['currentLaneId', 'laneId'];

/** The columns that name a row's card type beside its `cardTypeId`: cards, then the other reports. */
const CARD_TYPE_TITLE_COLUMNS = ['cardType', 'cardTypeTitle'];

const DAY = /^\d{4}-\d{2}-\d{2}/;

export interface FilterContext {
  report: Report;
  /** The field of a column (by id) in this response's records, or -1. */
  fieldOf: (columnId: string) => number;
  /** Date-times in the recipe's time zone; absent for UTC. */
  toZone?: (text: string) => string;
  /** ISO date-time of the last export, for `changedSinceLastExport`. */
  changedSince?: string;
}

export interface RowFilter {
  /** Whether the record stays; undefined when every record does. */
  test: ((record: RecordView) => boolean) | undefined;
  notes: string[];
}

type Test = (record: RecordView) => boolean;

export function compileRowFilter(
  filters: RowFilters | undefined,
  context: FilterContext,
): RowFilter {
  const tests: Test[] = [];
  const notes: string[] = [];
  const { report, fieldOf } = context;
  const fieldFor = (columnId: string, filter: string): number => {
    const field = fieldOf(columnId);
    if (field < 0) {
      notes.push(
        `The ${report.label} report has no “${columnLabel(columnId)}” column, so the ${filter} filter was not applied.`,
      );
    }
    return field;
  };

  const range = filters?.dateRange;
  if (range && (range.from || range.to)) {
    const field = fieldFor(range.column, 'date range');
    const type = report.columns.find((column) => column.id === range.column)?.type;
    if (field >= 0)
      tests.push(dayRangeTest(field, range, type === 'datetime' ? context.toZone : undefined));
  }

  if (filters?.changedSinceLastExport && context.changedSince) {
    const field = fieldFor('lastActivityDate', '“changed since the last export”');
    const since = Date.parse(context.changedSince);
    if (field >= 0) tests.push((record) => parseUtcDateTime(record.cell(field) ?? '') > since);
  }

  const archived = filters?.archived;
  if (archived) {
    const field = fieldFor('archivedDate', 'archived cards');
    const only = archived === 'only';
    if (field >= 0) tests.push((record) => ((record.cell(field) ?? '') !== '') === only);
  }

  if (filters?.laneIds?.length) {
    const column = LANE_COLUMNS.find((id) => fieldOf(id) >= 0) ?? LANE_COLUMNS[0] ?? '';
    const field = fieldFor(column, 'lanes');
    if (field >= 0) tests.push(memberTest(field, filters.laneIds));
  }

  if (filters?.cardTypeIds?.length) {
    const field = fieldFor('cardTypeId', 'card types');
    const titleField = CARD_TYPE_TITLE_COLUMNS.map(fieldOf).find((at) => at >= 0) ?? -1;
    if (field >= 0) tests.push(cardTypeTest(field, titleField, filters.cardTypeIds));
  }

  return { test: allOf(tests), notes };
}

/** Rows whose day (in the recipe's zone for a date-time) is within `from`..`to`, both included. */
function dayRangeTest(
  field: number,
  range: { from?: string; to?: string },
  toZone: ((text: string) => string) | undefined,
): Test {
  const from = range.from ?? '';
  const to = range.to ?? '\uffff';
  return (record) => {
    const cell = record.cell(field) ?? '';
    if (!DAY.test(cell)) return false;
    const day = (toZone ? toZone(cell) : cell).slice(0, 10);
    return day >= from && day <= to;
  };
}

function memberTest(field: number, values: readonly string[]): Test {
  const wanted = new Set(values);
  return (record) => wanted.has(record.cell(field) ?? '');
}

/**
 * Rows whose card type id or title is one of `wanted`, ignoring case: nobody knows their card type
 * ids, and a type's name is the same on every board while its id is not.
 */
function cardTypeTest(idField: number, titleField: number, wanted: readonly string[]): Test {
  const names = new Set(wanted.map(caseless));
  return (record) =>
    names.has(caseless(record.cell(idField) ?? '')) ||
    (titleField >= 0 && names.has(caseless(record.cell(titleField) ?? '')));
}

function caseless(text: string): string {
  return text.trim().toLowerCase();
}

function allOf(tests: Test[]): Test | undefined {
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  return (record) => {
    for (const test of tests) if (!test(record)) return false;
    return true;
  };
}
