import type { Format } from '../formats';

/**
 * How a processed export changes LeanKit's rows: which columns, in what order and under what
 * headers; which rows; extra columns joined in; how dates are written. Every field is optional, and
 * an empty recipe changes nothing: the file has every column as served, every row.
 */
export interface ExportRecipe {
  /**
   * Column ids in the order to write them. Absent: every column as served, including columns
   * LeanKit adds later (written after the known ones). An id the report no longer serves is
   * skipped, and the export says so.
   */
  columns?: string[];
  /**
   * Headers as words ("Card title") instead of column ids (`cardTitle`); a column LeanKit added
   * after our catalogue keeps the header LeanKit gives it.
   */
  humanHeaders?: boolean;
  filters?: RowFilters;
  /** Cards report only: one column per custom field label, from the `customfields` report. */
  customFields?: boolean;
  /**
   * Date-times as served (UTC, absent) or converted to this IANA time zone (e.g. `Europe/Paris`),
   * the zone of whoever runs the export when saved as `local`.
   */
  timeZone?: 'local' | string;
}

/** Row filters; each applies only where the report has the column it reads. */
export interface RowFilters {
  /** Rows whose `column` (a date or date-time column) falls within the days `from`..`to` (inclusive, `YYYY-MM-DD`, either may be absent), in the recipe's time zone. */
  dateRange?: { column: string; from?: string; to?: string };
  /** Only rows whose `lastActivityDate` is after the preset's last finished export. */
  changedSinceLastExport?: boolean;
  /** Archived cards (a non-empty `archivedDate`): kept (absent), left out, or the only ones. */
  archived?: 'exclude' | 'only';
  /** Only rows in these lanes (the report's lane id column). */
  laneIds?: string[];
  /**
   * Only rows of these card types: each entry a card type id (`cardTypeId`) or name (the report's
   * `cardType` or `cardTypeTitle`), matched ignoring case. Named for the ids it first held.
   */
  cardTypeIds?: string[];
}

/** A saved recipe with everything else an export needs, under a name the user chose. */
export interface Preset {
  id: string;
  name: string;
  reportId: string;
  format: Format;
  /** Empty for all boards. */
  boardIds: string[];
  recipe: ExportRecipe;
}

/**
 * Whether a recipe changes nothing, so the export can take the direct route. A part that asks for
 * nothing counts as absent: `false`, an empty lane or card type list, a date range without either
 * end.
 */
export function isEmptyRecipe(recipe: ExportRecipe | undefined): boolean {
  if (!recipe) return true;
  const { columns, humanHeaders, filters, customFields, timeZone } = recipe;
  return (
    columns === undefined &&
    !humanHeaders &&
    !customFields &&
    timeZone === undefined &&
    !filtersRows(filters)
  );
}

/**
 * The note on a processed export whose filters kept no row. The popup and the board button say it
 * instead of "this board has no cards", which would be untrue.
 */
export const NO_ROW_MATCHED = 'No row matched the filters: the file has only the header row.';

/** Whether any filter would leave a row out. */
function filtersRows(filters: RowFilters | undefined): boolean {
  if (!filters) return false;
  const { dateRange, changedSinceLastExport, archived, laneIds, cardTypeIds } = filters;
  return (
    (dateRange !== undefined && (dateRange.from !== undefined || dateRange.to !== undefined)) ||
    changedSinceLastExport === true ||
    archived !== undefined ||
    (laneIds?.length ?? 0) > 0 ||
    (cardTypeIds?.length ?? 0) > 0
  );
}

/**
 * Why a recipe cannot apply to an export in this format, or undefined when it can: columns and
 * filters are applied to CSV, TAB and XLSX rows only, for now.
 */
export function recipeFormatProblem(
  format: Format,
  recipe: ExportRecipe | undefined,
): string | undefined {
  return format === 'json' && !isEmptyRecipe(recipe)
    ? 'Columns and filters work with CSV, TAB and XLSX exports.'
    : undefined;
}
