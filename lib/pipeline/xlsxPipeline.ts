/**
 * The processed export as an .xlsx workbook: LeanKit's CSV, streamed, through the row pipeline's
 * stages (rowCells.ts) into the streaming writer (lib/xlsx/xlsxWriter.ts), which types each cell
 * by its column's type in the catalogue. The same contract as createRowPipeline, with bytes for
 * text: one `response()` reader per server response, the header row written once, and the
 * workbook's last bytes (the parts that list its sheets) from `finish()`.
 */
import { createXlsxWriter, sheetName, type XlsxWriter } from '../xlsx/xlsxWriter';
import type { ZipEntries } from '../xlsx/zipEntries';
import { createRowCells } from './rowCells';
import type { RowStagesOptions } from './rowStages';

export interface XlsxPipelineOptions extends RowStagesOptions {
  /** Rows a sheet, its header row included; Excel's limit unless a test asks for fewer. */
  maxRowsPerSheet?: number;
  /**
   * Where the parts' XML goes to be compressed (a zip worker's entries); without it, compressed
   * here into the bytes this returns.
   */
  entries?: ZipEntries;
}

export interface XlsxChunk {
  /** Bytes to append to the file, in order. */
  bytes: Uint8Array[];
  /** Data rows left in the file by this text (the header row is not counted). */
  rows: number;
}

export interface XlsxEnd {
  /** The file's last bytes. */
  bytes: Uint8Array[];
  /** Sheets written: more than one when the rows did not fit one sheet. */
  sheets: number;
}

export function createXlsxPipeline(options: XlsxPipelineOptions) {
  const rowCells = createRowCells(options);
  const base = options.report.id;
  let bytes: Uint8Array[] = [];
  let writer: XlsxWriter | undefined;
  let sheets = 0;

  /** The writer, once the file's columns are known (none if no header row ever came). */
  const writerNow = (): XlsxWriter => {
    const { entries } = options;
    writer ??= createXlsxWriter({
      sheetName: base,
      columns: rowCells.columns ?? [],
      ...(entries ? { entries } : { onChunk: (chunk: Uint8Array) => bytes.push(chunk) }),
      maxRowsPerSheet: options.maxRowsPerSheet,
    });
    return writer;
  };

  /** The bytes made since the last call. */
  const take = (): Uint8Array[] => {
    const taken = bytes;
    bytes = [];
    return taken;
  };

  return {
    /** A reader for one server response: feed it the response's text, then ask if it is `complete`. */
    response() {
      const reading = rowCells.response();
      return {
        push(text: string): XlsxChunk {
          const rows = reading.push(text, (cells) => writerNow().addRow(cells));
          return { bytes: take(), rows };
        },
        /** As createRowPipeline's: the text so far ends after a whole record, the header at least. */
        get complete(): boolean {
          return reading.complete;
        },
        /** Data rows read from LeanKit by this response: where a resumed request starts (`offset=`). */
        get received(): number {
          return reading.received;
        },
      };
    },
    /** Ends the workbook: the rows held back, the last sheet, the parts that list the sheets. */
    finish(): XlsxEnd {
      sheets = writerNow().finish().sheets;
      return { bytes: take(), sheets };
    },
    /** Things the user should know about this file; after `finish()`, also the sheets it took. */
    get notes(): string[] {
      return sheets > 1 ? [...rowCells.notes, moreSheetsNote(base, sheets)] : rowCells.notes;
    },
  };
}

/** The note on a workbook whose rows went on past its first sheet. */
function moreSheetsNote(base: string, sheets: number): string {
  const names: string[] = [];
  for (let number = 2; number <= sheets; number++) names.push(`“${sheetName(base, number)}”`);
  return sheets === 2
    ? `The export has more rows than an Excel sheet holds; it continues on the sheet ${names[0]}.`
    : `The export has more rows than an Excel sheet holds; it continues on the sheets ${names.join(', ')}.`;
}
