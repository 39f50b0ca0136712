/**
 * The processed export's row pipeline: LeanKit's CSV or TAB, streamed, through parse → columns →
 * row filters → custom fields → dates → formula guard → write, into the file's text. One pipeline
 * per file; each server response goes through its own `response()` reader, so a retried or resumed
 * response (which repeats the header row) continues the same file.
 *
 * It is as fast as the download allows by doing little per cell: the parse finds where fields are
 * without copying them, a stage reads only the cells it needs, and a cell nothing changes is copied
 * through as it came (in CSV still quoted and escaped: LeanKit quotes every field), in whole runs
 * of rows where it can.
 */
import { guardCell, guardTypedCell, mayStartFormula } from '../csv/formulaGuard';
import type { ColumnType } from '../reports';
import type { FileColumn } from './columns';
import type { ZoneConverter } from './dates';
import { QUOTED, type RecordView } from './records';
import { createRowStages, type ResponseStages, type RowStagesOptions } from './rowStages';
import { BOM, DIALECTS } from './writers';

export type { CustomFieldTable } from './customFields';
export { readCustomFields } from './customFields';

export interface RowPipelineOptions extends RowStagesOptions {
  /** What LeanKit serves (the request's format) and what the file is: csv or tab. */
  format: 'csv' | 'tab';
  /** BOM + formula guard (see lib/csv/formulaGuard.ts). */
  excelFriendly: boolean;
}

export interface PipelineChunk {
  /** Text to append to the file. */
  text: string;
  /** Data rows left in the file by `text` (the header row is not counted). */
  rows: number;
}

/** The file's columns and line break, fixed by the first response's header row. */
interface FileLayout {
  columns: readonly FileColumn[];
  /** Rows are written field by field as served (see planColumns), dates unchanged. */
  asServed: boolean;
  newline: string;
}

/** Everything one response's records need: where the file's cells are in them, which stay. */
interface ResponseFields extends ResponseStages {
  /** The file's columns are as served, and this response serves them in the same order. */
  asServed: boolean;
}

export function createRowPipeline(options: RowPipelineOptions) {
  const { format, excelFriendly } = options;
  const dialect = DIALECTS[format];
  const stages = createRowStages(options);
  const { customFields, toZone } = stages;

  let file: FileLayout | undefined;
  let written = 0;

  function startFile(header: string[], newline: string): FileLayout {
    const plan = stages.planFile(header);
    return { columns: plan.columns, asServed: plan.asServed && !toZone, newline };
  }

  /** The header row; guarded too when Excel-friendly, since a custom field's label is anyone's text. */
  function headerLine(layout: FileLayout): string {
    const line = layout.columns.map((column) =>
      dialect.field(excelFriendly ? guardCell(column.header) : column.header),
    );
    return (excelFriendly ? BOM : '') + line.join(dialect.delimiter) + layout.newline;
  }

  function fieldsFor(layout: FileLayout, header: string[], first: boolean): ResponseFields {
    const response = stages.forResponse(layout.columns, header, first);
    const asServed =
      layout.asServed &&
      header.length === layout.columns.length &&
      response.fields.every((field, index) => field === index);
    return { ...response, asServed };
  }

  return {
    /** A reader for one server response: feed it the response's text, then ask if it is `complete`. */
    response() {
      /**
       * The chunk's text so far, joined once at its end: one flat string, where adding the pieces
       * one by one makes a tree of small strings that costs more to hold and to write out.
       */
      const pieces: string[] = [];
      let rows = 0;
      /**
       * Rows copied as they came are copied in runs: from `copyFrom` (-1: no run) of the chunk's
       * text `copyText` to `copyEnd`, the end of the last record kept.
       */
      let copyFrom = -1;
      let copyText = '';
      let copyEnd = 0;

      const flushCopy = () => {
        if (copyFrom >= 0) pieces.push(copyText.slice(copyFrom, copyEnd));
        copyFrom = -1;
      };

      const records = stages.records(format, (header, record): ResponseFields => {
        const first = !file;
        if (!file) {
          file = startFile(header, endsWithLineBreak(record, '\r\n') ? '\r\n' : '\n');
          pieces.push(headerLine(file));
        }
        return fieldsFor(file, header, first);
      });

      /** A row the filters keep, into the file. */
      const onRow = (record: RecordView, at: ResponseFields, file: FileLayout) => {
        rows += 1;
        if (
          at.asServed &&
          endsWithLineBreak(record, file.newline) &&
          (format === 'tab' || record.quotedThroughout())
        ) {
          copyGuarded(record, file);
          return;
        }
        flushCopy();
        if (at.asServed) pieces.push(servedLine(record, file));
        else fileLine(record, file, at);
      };

      /** Copies the record as it came, a `'` put before each cell the guard changes. */
      const copyGuarded = (record: RecordView, { columns }: FileLayout) => {
        // A record that ends a chunk's leftover is read from a text of its own (RecordScanner).
        if (copyFrom >= 0 && copyText !== record.text) flushCopy();
        if (copyFrom < 0) {
          copyFrom = record.start;
          copyText = record.text;
        }
        if (!excelFriendly) return;
        const { text, count, starts, ends } = record;
        for (let i = 0; i < count; i++) {
          const start = starts[i] as number;
          if (start === ends[i]) continue;
          if (!mayStartFormula(text.charCodeAt(start)) && !record.hasLineFeed(i)) continue;
          const raw = text.slice(start, ends[i]);
          if (guardTypedCell(raw, columns[i]?.type ?? 'string') === raw) continue;
          pieces.push(text.slice(copyFrom, start), "'");
          copyFrom = start;
        }
      };

      /** A record of a file whose columns are as served, written field by field. */
      const servedLine = (record: RecordView, { columns, newline }: FileLayout): string => {
        let line = '';
        for (let i = 0; i < record.count; i++) {
          if (i > 0) line += dialect.delimiter;
          line += cellText(record, i, columns[i]?.type ?? 'string');
        }
        return line + newline;
      };

      /**
       * Served text copied as it came into a record's line is copied in runs: cells next to each
       * other in the record, and in the file, as one slice with the delimiter between them (from
       * `runFrom` to `runTo` of the record's text `runText`; -1: no run).
       */
      let runFrom = -1;
      let runTo = -1;
      let runText = '';

      /** Served text to copy after the delimiter: it joins the run when the delimiter is between. */
      const copy = (text: string, from: number, to: number, first: boolean) => {
        if (!first && runFrom >= 0 && runTo === from - 1) {
          runTo = to;
          return;
        }
        endRun(first);
        runText = text;
        runFrom = from;
        runTo = to;
      };

      /** Ends the run so far, and writes the delimiter before the next cell. */
      const endRun = (first: boolean) => {
        if (runFrom >= 0) pieces.push(runText.slice(runFrom, runTo));
        if (!first) pieces.push(dialect.delimiter);
        runFrom = -1;
      };

      /** A record written as the file's columns. */
      const fileLine = (
        record: RecordView,
        { columns, newline }: FileLayout,
        response: ResponseFields,
      ): void => {
        const { fields } = response;
        const { text } = record;
        const extra =
          customFields && response.cardIdField >= 0
            ? customFields.valuesOf(record.cell(response.cardIdField) ?? '')
            : undefined;
        for (let j = 0; j < columns.length; j++) {
          const column = columns[j] as FileColumn;
          const field = fields[j] as number;
          const first = j === 0;
          if (column.customField !== undefined) {
            endRun(first);
            pieces.push(dialect.field(guard(extra?.[column.customField] ?? '', 'string')));
          } else if (field < 0 || field >= record.count) {
            endRun(first);
            pieces.push(dialect.field(''));
          } else if (toZone && column.type === 'datetime') {
            endRun(first);
            zonedCell(record, field, toZone);
          } else if (servedAsIs(record, field, column.type)) {
            copy(
              text,
              (record.starts[field] as number) - 1,
              (record.ends[field] as number) + 1,
              first,
            );
          } else {
            endRun(first);
            pieces.push(cellText(record, field, column.type));
          }
        }
        endRun(true);
        pieces.push(newline);
      };

      /**
       * A date-time cell in the recipe's zone. Where only its hour part changes, the rest is copied
       * as it came (digits, which need neither quotes escaped nor a guard); in a quoted CSV field it
       * starts a run, closing quote included.
       */
      const zonedCell = (record: RecordView, field: number, toZone: ZoneConverter) => {
        const { text } = record;
        const start = record.starts[field] as number;
        const end = record.ends[field] as number;
        const local = toZone.localHour(text, start, end);
        if (local === '') {
          pieces.push(dialect.field(guard(toZone(record.cell(field) ?? ''), 'datetime')));
        } else if (format === 'tab') {
          pieces.push(local, text.slice(start + 13, end));
        } else if ((record.flags[field] as number) & QUOTED) {
          pieces.push('"', local);
          runText = text;
          runFrom = start + 13;
          runTo = end + 1;
        } else {
          pieces.push('"', local, text.slice(start + 13, end), '"');
        }
      };

      /** Whether a served cell is a quoted CSV field the guard leaves as it is: a copy of the field. */
      const servedAsIs = (record: RecordView, field: number, type: ColumnType): boolean => {
        if (format !== 'csv' || !((record.flags[field] as number) & QUOTED)) return false;
        const { text } = record;
        const start = record.starts[field] as number;
        const end = record.ends[field] as number;
        if (
          !excelFriendly ||
          start === end ||
          (!mayStartFormula(text.charCodeAt(start)) && !record.hasLineFeed(field))
        ) {
          return true;
        }
        const raw = text.slice(start, end);
        return guardTypedCell(raw, type) === raw;
      };

      /** A served cell as a field of the file, guarded; a quoted CSV cell is copied as it came. */
      const cellText = (record: RecordView, field: number, type: ColumnType): string => {
        const { text } = record;
        const start = record.starts[field] as number;
        const end = record.ends[field] as number;
        const guarded =
          excelFriendly &&
          start < end &&
          (mayStartFormula(text.charCodeAt(start)) || record.hasLineFeed(field));
        if (format === 'csv' && (record.flags[field] as number) & QUOTED) {
          // The served field, quotes and all, in one slice.
          if (!guarded) return text.slice(start - 1, end + 1);
          const raw = text.slice(start, end);
          return guardTypedCell(raw, type) === raw ? text.slice(start - 1, end + 1) : `"'${raw}"`;
        }
        const value = record.cell(field) ?? '';
        return dialect.field(guarded ? guardTypedCell(value, type) : value);
      };

      const guard = (value: string, type: ColumnType): string =>
        excelFriendly ? guardTypedCell(value, type) : value;

      return {
        push(text: string): PipelineChunk {
          records.push(
            text,
            (record, at) => {
              onRow(record, at, file as FileLayout);
              copyEnd = record.end;
            },
            flushCopy,
          );
          flushCopy();
          written += rows;
          const chunk = { text: joinPieces(pieces), rows };
          pieces.length = 0;
          rows = 0;
          return chunk;
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
    /** Things the user should know about this file, e.g. a column LeanKit no longer serves. */
    get notes(): string[] {
      return stages.notes(written);
    },
  };
}

/**
 * A chunk's text from its pieces. Many small ones (rows written cell by cell) are joined into one
 * flat string; a few long ones (runs of rows copied as they came) are concatenated, which copies
 * nothing until the file is written.
 */
function joinPieces(pieces: readonly string[]): string {
  if (pieces.length > FEW_PIECES) return pieces.join('');
  let text = '';
  for (const piece of pieces) text += piece;
  return text;
}

const FEW_PIECES = 32;

/** Whether the record's line break is the file's. */
function endsWithLineBreak(record: RecordView, newline: string): boolean {
  const { text, end } = record;
  return newline === '\n' ? text.charCodeAt(end - 2) !== 13 : text.charCodeAt(end - 2) === 13;
}
