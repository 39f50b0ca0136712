import Papa from 'papaparse';
import { findColumn, type Report } from '../reports';
import { CsvRecordSplitter } from './csvRecords';
import { guardCell } from './formulaGuard';

/** UTF-8 byte-order mark: tells Excel the file is UTF-8, so non-ASCII text opens correctly. */
export const BOM = '\uFEFF';

export interface CsvChunk {
  /** Converted text to append to the file. */
  text: string;
  /** Data rows in `text` (the header row is not counted). */
  rows: number;
}

/**
 * Converts LeanKit's CSV, streamed, into Excel-friendly CSV: a BOM first, and every text cell that
 * a spreadsheet could run as a formula guarded (see formulaGuard.ts). Cells of int, bool, date and
 * date-time columns (the catalogue's types, found by column id or label) are left alone, so `-5`
 * stays a number. Rows are parsed and written again with papaparse; every field is quoted and rows
 * end with the line break LeanKit used, as in LeanKit's own output. A bare `"` inside an unquoted
 * field is kept as a character of that cell (written back escaped), as spreadsheets read it.
 *
 * One converter per file. Each server response goes through its own `response()` reader, so a
 * retried or resumed response (which repeats the header row) continues the same file.
 */
export function createExcelFriendlyCsv(report: Report) {
  let wroteHeader = false;
  let guarded: boolean[] = [];

  function convert(records: string, newline: string, skipHeader: boolean): CsvChunk {
    const parsed = Papa.parse<string[]>(records.slice(0, -newline.length), {
      delimiter: ',',
      newline: newline as '\r\n' | '\n',
      quoteChar: '"',
    });
    const rows = parsed.data;
    let text = '';
    if (skipHeader) {
      const header = rows.shift() ?? [];
      // Unknown columns are guarded: the safe side.
      guarded = header.map((cell) => (findColumn(report, cell)?.type ?? 'string') === 'string');
      if (!wroteHeader) {
        text += BOM + Papa.unparse([header], { quotes: true, newline }) + newline;
        wroteHeader = true;
      }
    }
    if (rows.length > 0) {
      const safe = rows.map((row) =>
        row.map((cell, column) => (guarded[column] === false ? cell : guardCell(cell))),
      );
      text += Papa.unparse(safe, { quotes: true, newline }) + newline;
    }
    return { text, rows: rows.length };
  }

  return {
    /** A reader for one server response: feed it the response's text, then ask if it is `complete`. */
    response() {
      const splitter = new CsvRecordSplitter();
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
