import Papa from 'papaparse';
import { type ColumnType, findColumn, type Report } from '../reports';
import { CsvRecordSplitter } from './csvRecords';
import { guardTypedCell } from './formulaGuard';
import { TabRecordSplitter } from './tabRecords';

/** UTF-8 byte-order mark: tells Excel the file is UTF-8, so non-ASCII text opens correctly. */
export const BOM = '\uFEFF';

export interface CsvChunk {
  /** Converted text to append to the file. */
  text: string;
  /** Data rows in `text` (the header row is not counted). */
  rows: number;
}

/** The formats the converter reads and writes: LeanKit's CSV, and its TAB. */
export type DelimitedFormat = 'csv' | 'tab';

/** How each format splits, parses and writes records. */
const DIALECTS = {
  // Every field quoted, as in LeanKit's own CSV.
  csv: {
    splitter: () => new CsvRecordSplitter(),
    parse: (records: string, newline: string): string[][] =>
      Papa.parse<string[]>(records, {
        delimiter: ',',
        newline: newline as '\r\n' | '\n',
        quoteChar: '"',
      }).data,
    write: (rows: string[][], newline: string) => Papa.unparse(rows, { quotes: true, newline }),
  },
  // No quoting at all (docs/reporting-api.md §9): a cell never holds a tab or a line break.
  tab: {
    splitter: () => new TabRecordSplitter(),
    parse: (records: string, newline: string): string[][] =>
      records.split(newline).map((line) => line.split('\t')),
    write: (rows: string[][], newline: string) => rows.map((row) => row.join('\t')).join(newline),
  },
} as const;

/**
 * Converts LeanKit's CSV or TAB, streamed, into an Excel-friendly file of the same format: a BOM
 * first, and every cell that a spreadsheet could run as a formula guarded (see formulaGuard.ts).
 * Cells of int, bool, date and date-time columns (the catalogue's types, found by column id or
 * label) that hold a value of that type are left alone, so `-5` stays a number. Rows are parsed
 * and written again in LeanKit's own form (CSV: every field quoted) and end with the line break
 * LeanKit used. A bare `"` inside an unquoted CSV field is kept as a character of that cell
 * (written back escaped), as spreadsheets read it.
 *
 * One converter per file. Each server response goes through its own `response()` reader, so a
 * retried or resumed response (which repeats the header row) continues the same file.
 */
export function createExcelFriendlyCsv(report: Report, format: DelimitedFormat = 'csv') {
  const dialect = DIALECTS[format];
  let wroteHeader = false;
  let types: ColumnType[] = [];

  function convert(records: string, newline: string, skipHeader: boolean): CsvChunk {
    const rows = dialect.parse(records.slice(0, -newline.length), newline);
    let text = '';
    if (skipHeader) {
      const header = rows.shift() ?? [];
      // Unknown columns are guarded as text: the safe side.
      types = header.map((cell) => findColumn(report, cell)?.type ?? 'string');
      if (!wroteHeader) {
        text += BOM + dialect.write([header], newline) + newline;
        wroteHeader = true;
      }
    }
    if (rows.length > 0) {
      const safe = rows.map((row) =>
        row.map((cell, column) => guardTypedCell(cell, types[column] ?? 'string')),
      );
      text += dialect.write(safe, newline) + newline;
    }
    return { text, rows: rows.length };
  }

  return {
    /** A reader for one server response: feed it the response's text, then ask if it is `complete`. */
    response() {
      const splitter = dialect.splitter();
      let newline: string | undefined;
      let headerPending = true;
      return {
        push(text: string): CsvChunk {
          const complete = splitter.push(text);
          if (complete.text === '') return { text: '', rows: 0 };
          newline ??= complete.text.endsWith('\r\n') ? '\r\n' : '\n';
          const chunk = convert(complete.text, newline, headerPending);
          headerPending = false;
          return chunk;
        },
        /**
         * Whether the text so far ends where a whole export can end: after the line break of a
         * record, the header at least. A body that stops anywhere else (mid-row, inside a quoted
         * cell, before any line) was cut short, and its partial last line never becomes a row.
         */
        get complete(): boolean {
          return !headerPending && splitter.pending === '';
        },
      };
    },
  };
}
