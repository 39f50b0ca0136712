/**
 * The stages between parse and write that every output of the row pipeline shares (CSV/TAB text,
 * an .xlsx workbook): the file's columns from the first header row, each response's fields and row
 * filter from its own header row, the custom field table, the recipe's time zone, and the notes
 * they give rise to.
 */
import { type ExportRecipe, NO_ROW_MATCHED } from '../recipes/recipe';
import type { Report } from '../reports';
import { columnKey, type FileColumn, fieldsOf, planColumns } from './columns';
import type { CustomFieldTable } from './customFields';
import { createZoneConverter, isKnownTimeZone, resolveTimeZone, type ZoneConverter } from './dates';
import type { RecordView } from './records';
import { compileRowFilter } from './rowFilters';

export interface RowStagesOptions {
  report: Report;
  recipe: ExportRecipe;
  /** ISO date-time: with recipe.filters.changedSinceLastExport, only rows active after it. */
  changedSince?: string;
  /** cardId → (custom field label → value), from readCustomFields(); needed when recipe.customFields. */
  customFields?: CustomFieldTable;
}

/** Where one response's records hold the file's cells, and which of them stay. */
export interface ResponseStages {
  /** The field of each file column in this response's records (-1: none). */
  fields: Int32Array;
  test: ((record: RecordView) => boolean) | undefined;
  /** The field of `cardId`, which custom fields are joined by (-1: none). */
  cardIdField: number;
}

export function createRowStages(options: RowStagesOptions) {
  const { report, recipe } = options;
  const notes: string[] = [];
  const joinsCustomFields = recipe.customFields === true && report.id === 'cards';
  if (recipe.customFields && !joinsCustomFields) {
    notes.push('Custom fields are columns of the Cards report only; they were left out.');
  }
  const customFields = joinsCustomFields ? options.customFields : undefined;
  if (joinsCustomFields && !customFields) throw new TypeError('custom fields were not read');
  const toZone = zoneConverter(recipe.timeZone, notes);
  let filtered = false;

  return {
    customFields,
    /** Date-times in the recipe's zone; undefined for UTC, as served. */
    toZone,
    /** The file's columns, from the first response's header row. */
    planFile(header: readonly string[]) {
      const plan = planColumns(report, header, recipe, customFields?.labels ?? []);
      notes.push(...plan.notes);
      return plan;
    },
    /** A response's fields and filter from its header row; the first response's filter notes count. */
    forResponse(
      columns: readonly FileColumn[],
      header: readonly string[],
      first: boolean,
    ): ResponseStages {
      const keys = header.map((cell) => columnKey(report, cell));
      const fieldOf = (columnId: string) => keys.indexOf(columnId);
      const filter = compileRowFilter(recipe.filters, {
        report,
        fieldOf,
        toZone,
        changedSince: options.changedSince,
      });
      if (first) notes.push(...filter.notes);
      filtered ||= filter.test !== undefined;
      return {
        fields: fieldsOf(report, columns, header),
        test: filter.test,
        cardIdField: fieldOf('cardId'),
      };
    },
    /** The notes for a file of `written` rows out of `read`: the filters' one when none was kept. */
    notes(read: number, written: number): string[] {
      return read > 0 && written === 0 && filtered ? [...notes, NO_ROW_MATCHED] : notes;
    },
  };
}

/** A header record's cells. */
export function headerCells(record: RecordView): string[] {
  const header: string[] = [];
  for (let i = 0; i < record.count; i++) header.push(record.cell(i) ?? '');
  return header;
}

/** The recipe's time zone as a converter; undefined for UTC (as served) or a zone Intl lacks. */
function zoneConverter(zone: string | undefined, notes: string[]): ZoneConverter | undefined {
  if (zone === undefined) return undefined;
  const resolved = resolveTimeZone(zone);
  if (resolved === 'UTC') return undefined;
  if (!isKnownTimeZone(resolved)) {
    notes.push(
      `The time zone “${zone}” is unknown here; dates are in UTC, as LeanKit serves them.`,
    );
    return undefined;
  }
  return createZoneConverter(resolved);
}
