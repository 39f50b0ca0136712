/**
 * A worksheet's XML, written in pieces as rows come (head, rows, tail), so no sheet is ever whole
 * in memory. A text cell refers to the workbook's shared strings when its text is there
 * (sharedStrings.ts), and holds its text inline otherwise.
 */
import type { ColumnType } from '../reports';
import type { CellValue } from './cellValues';
import type { SharedStrings } from './sharedStrings';
import { STYLE } from './workbookParts';
import { cellTextXml, escapeXml, textElement } from './xmlText';

export interface SheetColumn {
  readonly header: string;
  readonly type: ColumnType;
}

/** Column widths in characters: room for a date-time, never wider than a sensible screen part. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** Room the autofilter's button takes beside a header. */
const FILTER_BUTTON = 3;
/** Room beside the longest value. */
const PADDING = 2;

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** The autofilter's range: the header and `lastRow`, every column. */
export function filterRange(columnCount: number, lastRow: number): string {
  return `A1:${columnName(Math.max(columnCount, 1) - 1)}${lastRow}`;
}

/** Widths that fit each column's header and its values in `sample` (the first rows). */
export function columnWidths(
  columns: readonly SheetColumn[],
  sample: readonly (readonly (CellValue | undefined)[])[],
): number[] {
  return columns.map((column, i) => {
    let chars = column.header.length + FILTER_BUTTON;
    for (const row of sample) {
      const cell = row[i];
      if (cell) chars = Math.max(chars, shownLength(cell) + PADDING);
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, chars));
  });
}

/** Characters a cell shows: its longest line for text, its format's length for a date. */
function shownLength(cell: CellValue): number {
  switch (cell.kind) {
    case 'number':
      return String(cell.value).length;
    case 'boolean':
      return cell.value ? 4 : 5;
    case 'date':
      return cell.time ? 19 : 10;
    case 'text':
      return Math.max(...cell.value.split('\n').map((line) => line.length));
  }
}

/**
 * The sheet up to and including its header row: the header frozen (it stays on screen while
 * scrolling), the column widths, then row 1 in bold.
 */
export function sheetHead(columns: readonly SheetColumn[], widths: readonly number[]): string {
  const cols = widths
    .map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`)
    .join('');
  const names = columns.map((_, i) => columnName(i));
  const header = columns
    .map(
      (column, i) =>
        `<c r="${names[i]}1" s="${STYLE.header}" t="inlineStr"><is>${textElement(escapeXml(column.header))}</is></c>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/>${cols === '' ? '' : `<cols>${cols}</cols>`}` +
    `<sheetData><row r="1">${header}</row>`
  );
}

/**
 * A data row (its `row`, 1-based, is said only by a cell after a longer gap). `names` are the
 * columns' letters. Readers place a row without a number after the row before, and a cell without
 * a reference next to the cell before (ECMA-376 makes both optional): so a cell says where it is
 * (`r="C7"`) only after more than `MAX_EMPTY_RUN` empty cells, and a shorter gap is written as
 * that many empty cells (`<c/>`, shorter than a reference and the same in every row, which
 * compresses to almost nothing). Less XML to write and to compress, compressing it being most of
 * the writer's time. Text goes into `strings` where it may, inline otherwise.
 */
export function rowXml(
  row: number,
  names: readonly string[],
  cells: readonly (CellValue | undefined)[],
  strings: SharedStrings,
): string {
  let xml = '<row>';
  let empty = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === undefined || (cell.kind === 'text' && cell.value === '')) {
      empty += 1;
      continue;
    }
    let at = '';
    if (empty > MAX_EMPTY_RUN) at = ` r="${names[i]}${row}"`;
    else if (empty > 0) xml += EMPTY_CELLS[empty];
    empty = 0;
    switch (cell.kind) {
      case 'text': {
        const shared = strings.indexOf(i, cell.value);
        xml +=
          shared < 0
            ? `<c${at} t="inlineStr"><is>${textElement(cellTextXml(cell.value))}</is></c>`
            : `<c${at} t="s"><v>${shared}</v></c>`;
        break;
      }
      case 'number':
        xml += `<c${at}><v>${cell.value}</v></c>`;
        break;
      case 'boolean':
        xml += `<c${at} t="b"><v>${cell.value ? 1 : 0}</v></c>`;
        break;
      case 'date':
        xml += `<c${at} s="${cell.time ? STYLE.dateTime : STYLE.date}"><v>${cell.serial}</v></c>`;
        break;
    }
  }
  return `${xml}</row>`;
}

/**
 * The longest gap written as empty cells: two take 8 characters, a reference 8 to 13
 * (` r="AB1048576"`).
 */
const MAX_EMPTY_RUN = 2;
const EMPTY_CELLS = ['', '<c/>', '<c/><c/>'];

/** The sheet's end: the autofilter over `range`, known only once every row is written. */
export function sheetTail(range: string): string {
  return `</sheetData><autoFilter ref="${range}"/></worksheet>`;
}
