/**
 * The row pipeline's stages for an output that takes cell values rather than text (an .xlsx
 * workbook): LeanKit's CSV or TAB, streamed, through parse → columns → row filters → custom fields
 * → dates, each kept row handed on as the file's cells, as LeanKit's text (date-times in the
 * recipe's zone). No formula guard: such an output writes every cell as a value, never a formula.
 * One per file; each server response goes through its own `response()` reader, so a retried or
 * resumed response (which repeats the header row) continues the same rows.
 */
import type { FileColumn } from './columns';
import type { RecordView } from './records';
import { createRowStages, type ResponseStages, type RowStagesOptions } from './rowStages';

/** A kept row's cells, in the file's columns' order (undefined: empty); valid only during the call. */
export type RowCells = readonly (string | undefined)[];

export function createRowCells(options: RowStagesOptions, format: 'csv' | 'tab' = 'csv') {
  const stages = createRowStages(options);
  const { customFields, toZone } = stages;
  let columns: readonly FileColumn[] | undefined;
  let cells: (string | undefined)[] = [];
  let kept = 0;

  /** The record's cells as the file's columns. */
  const fill = (
    record: RecordView,
    response: ResponseStages,
    fileColumns: readonly FileColumn[],
  ) => {
    const { fields, cardIdField } = response;
    const extra =
      customFields && cardIdField >= 0
        ? customFields.valuesOf(record.cell(cardIdField) ?? '')
        : undefined;
    for (let j = 0; j < fileColumns.length; j++) {
      const column = fileColumns[j] as FileColumn;
      const field = fields[j] as number;
      if (column.customField !== undefined) cells[j] = extra?.[column.customField];
      else if (field < 0) cells[j] = undefined;
      else if (toZone && column.type === 'datetime') cells[j] = toZone(record.cell(field) ?? '');
      else cells[j] = record.cell(field);
    }
  };

  return {
    /** A reader for one server response: feed it the response's text, then ask if it is `complete`. */
    response() {
      const records = stages.records(format, (header) => {
        const first = !columns;
        if (!columns) {
          columns = stages.planFile(header).columns;
          cells = new Array(columns.length);
        }
        return stages.forResponse(columns, header, first);
      });
      return {
        /** Reads `text`, handing each row it completes that the filters keep to `onRow`; returns their count. */
        push(text: string, onRow: (cells: RowCells) => void): number {
          let rows = 0;
          records.push(text, (record, at) => {
            fill(record, at, columns as readonly FileColumn[]);
            rows += 1;
            onRow(cells);
          });
          kept += rows;
          return rows;
        },
        /** See the stages' `records`: whether the text so far ends after a whole record. */
        get complete(): boolean {
          return records.complete;
        },
        /** Data rows read from LeanKit by this response: where a resumed request starts (`offset=`). */
        get received(): number {
          return records.received;
        },
      };
    },
    /** The file's columns, once the first header row is read. */
    get columns(): readonly FileColumn[] | undefined {
      return columns;
    },
    /** Things the user should know about this file, e.g. a column LeanKit no longer serves. */
    get notes(): string[] {
      return stages.notes(kept);
    },
  };
}
