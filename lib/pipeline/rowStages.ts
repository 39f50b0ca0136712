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
import { detached, RecordScanner, type RecordView } from './records';
import { compileRowFilter } from './rowFilters';
import { BOM } from './writers';

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
  /** Data rows read from LeanKit, every response. */
  let read = 0;

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
    /**
     * One server response's records: a BOM LeanKit may send left out, its header row read by
     * `open` into the response's fields and filter (the first response's also starts the file),
     * then each data row after it counted as received, and handed on if the filters keep it.
     */
    records<R extends ResponseStages>(
      format: 'csv' | 'tab',
      open: (header: string[], record: RecordView) => R,
    ) {
      const scanner = new RecordScanner(format);
      let at: R | undefined;
      let received = 0;
      let started = false;
      return {
        /** Reads `text`: `onRow` gets each row the filters keep, `onDropped` is told of each other. */
        push(text: string, onRow: (record: RecordView, at: R) => void, onDropped?: () => void) {
          const input = !started && text.startsWith(BOM) ? text.slice(1) : text;
          if (text !== '') started = true;
          scanner.push(input, (record) => {
            if (!at) {
              at = open(headerCells(record), record);
              return;
            }
            received += 1;
            read += 1;
            if (at.test && !at.test(record)) onDropped?.();
            else onRow(record, at);
          });
        },
        /**
         * Whether the text so far ends where a whole export can end: after the line break of a
         * record, the header at least. A body that stops anywhere else (mid-row, inside a quoted
         * cell, before any line) was cut short, and its partial last line never becomes a row.
         */
        get complete(): boolean {
          return at !== undefined && scanner.pending === '';
        },
        /** Data rows read from LeanKit by this response: where a resumed request starts (`offset=`). */
        get received(): number {
          return received;
        },
      };
    },
    /** The notes for a file of `written` rows: the filters' one when they kept none of those read. */
    notes(written: number): string[] {
      return read > 0 && written === 0 && filtered ? [...notes, NO_ROW_MATCHED] : notes;
    },
  };
}

/**
 * A header record's cells, as copies: a cell cut from the response's text keeps all of that text
 * alive (V8's slices point into it), and the file's columns keep header cells to the file's end.
 */
function headerCells(record: RecordView): string[] {
  const header: string[] = [];
  for (let i = 0; i < record.count; i++) header.push(detached(record.cell(i) ?? ''));
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
