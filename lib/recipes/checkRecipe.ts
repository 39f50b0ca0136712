import { LeanKitError } from '../errors';
import { findReport, type Report } from '../reports';
import type { ExportRecipe, RowFilters } from './recipe';

/**
 * Checks a recipe that came from outside the code (a message, sync storage, an imported file) and
 * returns a copy holding only what the recipe defines. A malformed shape is refused with a
 * `bad-request` error saying what is wrong; a column id the report does not list is not a
 * mistake (LeanKit adds columns), so it passes and the pipeline notes it if LeanKit does not
 * serve it either.
 */
export function checkRecipe(value: unknown, reportId: string): ExportRecipe {
  const recipe = record(value, 'The columns and filters');
  only(
    recipe,
    ['columns', 'humanHeaders', 'filters', 'customFields', 'timeZone'],
    'The columns and filters',
  );
  const report = findReport(reportId);
  const checked: ExportRecipe = {};
  if (recipe.columns !== undefined) checked.columns = columnList(recipe.columns);
  if (recipe.humanHeaders !== undefined) {
    checked.humanHeaders = flag(recipe.humanHeaders, '"Human headers"');
  }
  if (recipe.filters !== undefined) checked.filters = checkFilters(recipe.filters, report);
  if (recipe.customFields !== undefined) {
    checked.customFields = flag(recipe.customFields, '"Custom fields as columns"');
    if (checked.customFields && reportId !== 'cards') {
      refuse('Custom fields as columns work with the cards report only.');
    }
  }
  if (recipe.timeZone !== undefined) checked.timeZone = timeZone(recipe.timeZone);
  return checked;
}

function checkFilters(value: unknown, report: Report | undefined): RowFilters {
  const filters = record(value, 'The row filters');
  only(
    filters,
    ['dateRange', 'changedSinceLastExport', 'archived', 'laneIds', 'cardTypeIds'],
    'The row filters',
  );
  const checked: RowFilters = {};
  if (filters.dateRange !== undefined) checked.dateRange = dateRange(filters.dateRange, report);
  if (filters.changedSinceLastExport !== undefined) {
    checked.changedSinceLastExport = flag(
      filters.changedSinceLastExport,
      '"Changed since my last export"',
    );
  }
  if (filters.archived !== undefined) {
    if (filters.archived !== 'exclude' && filters.archived !== 'only') {
      refuse('The archived cards filter must be "exclude" or "only".');
    }
    checked.archived = filters.archived;
  }
  if (filters.laneIds !== undefined) checked.laneIds = idList(filters.laneIds, 'The lane filter');
  if (filters.cardTypeIds !== undefined) {
    checked.cardTypeIds = idList(filters.cardTypeIds, 'The card type filter');
  }
  return checked;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dateRange(value: unknown, report: Report | undefined): RowFilters['dateRange'] {
  const range = record(value, 'The date range');
  only(range, ['column', 'from', 'to'], 'The date range');
  if (typeof range.column !== 'string' || range.column === '') {
    refuse('The date range needs the date column it reads.');
  }
  const known = report?.columns.find((column) => column.id === range.column);
  if (known && known.type !== 'date' && known.type !== 'datetime') {
    refuse(`The date range needs a date column; "${range.column}" is not one.`);
  }
  const checked: NonNullable<RowFilters['dateRange']> = { column: range.column };
  for (const end of ['from', 'to'] as const) {
    const day = range[end];
    if (day === undefined) continue;
    if (typeof day !== 'string' || !isDay(day)) {
      refuse(`The date range's "${end}" must be a day written YYYY-MM-DD.`);
    }
    checked[end] = day;
  }
  if (checked.from !== undefined && checked.to !== undefined && checked.from > checked.to) {
    refuse('The date range ends before it starts.');
  }
  return checked;
}

/** A real calendar day, `YYYY-MM-DD` (not 2026-02-30). */
function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function timeZone(value: unknown): string {
  if (value === 'local') return value;
  if (typeof value === 'string' && value !== '') {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value;
    } catch {
      // Not a zone this browser knows: refused below.
    }
  }
  refuse(`"${String(value)}" is not a time zone (e.g. Europe/Paris).`);
}

function columnList(value: unknown): string[] {
  const columns = idList(value, 'The column list');
  if (columns.length === 0) refuse('Choose at least one column.');
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) refuse(`The column "${column}" is chosen twice.`);
    seen.add(column);
  }
  return columns;
}

function idList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id !== '')) {
    refuse(`${what} must be a list of names.`);
  }
  return [...value];
}

function flag(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') refuse(`${what} must be on or off (true or false).`);
  return value;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(`${what}: not in a form this version understands.`);
  }
  return value as Record<string, unknown>;
}

/** Refuses fields this version does not know, rather than dropping what the sender meant. */
function only(value: Record<string, unknown>, known: readonly string[], what: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    refuse(`${what}: "${unknown}" is not something this version knows.`);
  }
}

function refuse(message: string): never {
  throw new LeanKitError('bad-request', message);
}
