/**
 * A streaming .xlsx writer: rows go in one at a time, zipped bytes come out as they are ready, and
 * nothing it holds grows with the row count. Each part's XML goes, encoded, to its zip entry
 * (zipEntries.ts: compressed here, or in a worker of its own).
 *
 * A sheet is one zip entry whose size is unknown until its last row (ZipDeflate writes it in a
 * data descriptor after the data). The shared strings, which the sheets' rows add to, the workbook,
 * which lists every sheet, and the content types, which name every sheet's part, are written after
 * the sheets.
 */
import { type CellTyper, type CellValue, cellTyper } from './cellValues';
import { createSharedStrings, type SharedStringLimits } from './sharedStrings';
import {
  columnName,
  columnWidths,
  filterRange,
  rowXml,
  type SheetColumn,
  sheetHead,
  sheetTail,
} from './sheetXml';
import {
  contentTypesXml,
  packageRelationshipsXml,
  SHARED_STRINGS_PATH,
  type SheetEntry,
  sheetPath,
  stylesXml,
  workbookRelationshipsXml,
  workbookXml,
} from './workbookParts';
import { deflatedEntries, type ZipEntries } from './zipEntries';

/** Excel's rows a sheet, the header row included. */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * A zip entry's size must fit 32 bits (fflate writes no Zip64): a sheet ends before its XML could
 * pass this many bytes, and the rows go on in the next sheet.
 */
export const MAX_SHEET_BYTES = 0xffff_ffff - 0xff_ffff;

/** Room for the sheet's tail (`</sheetData><autoFilter ref="A1:XFD1048576"/></worksheet>`). */
const TAIL_CHARS = 80;

/** The first rows, whose values size the columns, are held back until the sheet's head is written. */
const SAMPLE_ROWS = 100;

/**
 * XML is encoded and compressed in pieces of about this many characters: fflate's deflate took
 * 0.85× the time on 256K pieces that it took on 64K ones (less set-up a call).
 */
const PIECE_CHARS = 256 * 1024;

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;

export type XlsxWriterOptions = {
  /** The first sheet's name; later sheets are named "cards (2)", "cards (3)"… */
  sheetName: string;
  columns: readonly SheetColumn[];
  /** Rows a sheet, its header row included; Excel's limit unless a test asks for fewer. */
  maxRowsPerSheet?: number;
  /** Bytes of XML a sheet, below a zip entry's limit unless a test asks for fewer. */
  maxSheetBytes?: number;
  /** The shared strings' bounds; SHARED_STRING_LIMITS unless a test asks for others. */
  sharedStrings?: SharedStringLimits;
} & (
  | {
      /** Receives the file's bytes in order, as they are ready; each array is the receiver's to keep. */
      onChunk: (bytes: Uint8Array) => void;
    }
  | {
      /** Where the parts' XML goes instead, encoded, to be compressed (another thread's zip). */
      entries: ZipEntries;
    }
);

export interface XlsxSummary {
  /** Data rows written (header rows not counted). */
  rows: number;
  /** Sheets written: more than one when the rows did not fit one sheet. */
  sheets: number;
}

export interface XlsxWriter {
  /** One data row: a cell per column, in the columns' order, as LeanKit's text. */
  addRow(cells: readonly (string | undefined)[]): void;
  /**
   * Ends the rows so far (their sheet, or sheets when they were split) and starts another sheet
   * with its own name and columns, for a workbook of several tables; returns what the ended rows
   * took. `finish()` then counts the new sheet's rows alone.
   */
  nextSheet(sheetName: string, columns: readonly SheetColumn[]): XlsxSummary;
  /** Ends the workbook: the last sheet, then the parts that list the sheets. */
  finish(): XlsxSummary;
}

export function createXlsxWriter(options: XlsxWriterOptions): XlsxWriter {
  let { columns, sheetName: baseName } = options;
  const maxRows = options.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
  const maxBytes = options.maxSheetBytes ?? MAX_SHEET_BYTES;
  if (!(maxRows >= 2)) throw new RangeError('A sheet needs room for its header and a row');
  let typers: CellTyper[] = columns.map(cellTyper);
  let names = columns.map((_, i) => columnName(i));
  const strings = createSharedStrings(columns.length, options.sharedStrings);
  const encoder = new TextEncoder();
  const zip = 'entries' in options ? options.entries : deflatedEntries(options.onChunk);

  const finished: SheetEntry[] = [];
  let widths: number[] | undefined;
  let sample: (CellValue | undefined)[][] = [];
  /** Whether a part is being written (a sheet, then the shared strings). */
  let inPart = false;
  /** XML of the current part not yet compressed, and bytes of it already compressed. */
  let pending = '';
  let sheetBytes = 0;
  /** Rows of the current sheet so far, its header included. */
  let sheetRows = 0;
  let rows = 0;
  /** Where the current table's sheets start: earlier ones belong to tables before `nextSheet`. */
  let firstSheet = 0;
  let done = false;

  /** Hands the pending XML, encoded, to the part's zip entry. */
  const flush = (final: boolean) => {
    const bytes = encoder.encode(pending);
    pending = '';
    sheetBytes += bytes.length;
    zip.push(bytes, final);
  };

  const write = (xml: string) => {
    pending += xml;
    if (pending.length >= PIECE_CHARS) flush(false);
  };

  const startPart = (path: string) => {
    zip.start(path);
    inPart = true;
    sheetBytes = 0;
  };

  const startSheet = () => {
    startPart(sheetPath(finished.length));
    sheetRows = 1;
    write(sheetHead(columns, widths ?? []));
  };

  const endSheet = () => {
    const range = filterRange(columns.length, sheetRows);
    write(sheetTail(range));
    flush(true);
    const number = finished.length - firstSheet + 1;
    finished.push({ name: sheetName(baseName, number), filterRange: range });
    inPart = false;
  };

  /** Whether `xml` would take the sheet past its byte limit (UTF-8: at most 3 bytes a UTF-16 unit). */
  const overflows = (xml: string) =>
    sheetBytes + (pending.length + xml.length + TAIL_CHARS) * 3 > maxBytes;

  const writeRow = (cells: readonly (CellValue | undefined)[]) => {
    if (!inPart) startSheet();
    let xml = rowXml(sheetRows + 1, names, cells, strings);
    if (sheetRows >= maxRows || overflows(xml)) {
      endSheet();
      startSheet();
      xml = rowXml(sheetRows + 1, names, cells, strings);
    }
    write(xml);
    sheetRows += 1;
    rows += 1;
  };

  /** Sizes the columns from the rows held back, then writes them. */
  const release = () => {
    widths = columnWidths(columns, sample);
    const held = sample;
    sample = [];
    for (const cells of held) writeRow(cells);
  };

  const addFile = (path: string, xml: string) => {
    zip.start(path);
    zip.push(encoder.encode(xml), true);
  };

  /** Ends the current table: the rows held back, then its last sheet. */
  const endTable = (): XlsxSummary => {
    if (!widths) release();
    if (!inPart) startSheet();
    endSheet();
    return { rows, sheets: finished.length - firstSheet };
  };

  return {
    addRow(cells) {
      if (done) throw new Error('The workbook is finished');
      const typed = typers.map((type, i) => type(cells[i]));
      if (widths) writeRow(typed);
      else {
        sample.push(typed);
        if (sample.length === SAMPLE_ROWS) release();
      }
    },
    nextSheet(name, nextColumns) {
      if (done) throw new Error('The workbook is finished');
      const summary = endTable();
      baseName = name;
      columns = nextColumns;
      typers = columns.map(cellTyper);
      names = columns.map((_, i) => columnName(i));
      strings.startColumns(columns.length);
      widths = undefined;
      rows = 0;
      firstSheet = finished.length;
      return summary;
    },
    finish() {
      if (done) throw new Error('The workbook is finished');
      done = true;
      const summary = endTable();
      startPart(SHARED_STRINGS_PATH);
      strings.writeXml(write, PIECE_CHARS);
      flush(true);
      addFile('xl/workbook.xml', workbookXml(finished));
      addFile('xl/_rels/workbook.xml.rels', workbookRelationshipsXml(finished.length));
      addFile('xl/styles.xml', stylesXml());
      addFile('_rels/.rels', packageRelationshipsXml());
      addFile('[Content_Types].xml', contentTypesXml(finished.length));
      zip.end();
      return summary;
    },
  };
}

/**
 * The `number`th sheet's name: `base`, then `base (2)`…, cut to Excel's 31 characters, without the
 * characters Excel forbids in a sheet name (`[]:*?/\`) or a quote at either end.
 */
export function sheetName(base: string, number: number): string {
  const suffix = number === 1 ? '' : ` (${number})`;
  const clean = base
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  const name = (clean === '' ? 'Sheet' : clean).slice(0, MAX_SHEET_NAME - suffix.length).trimEnd();
  return `${name}${suffix}`;
}
