/**
 * What an XLSX export must hold, worked out from what the simulator serves, independently of
 * lib/xlsx: each cell of the reference table (recipeSupport.ts) as openpyxl must read it back,
 * typed by the catalogue. Plain rules, one per type: an id stays text, whatever its column's
 * type; an int is a number; a boolean is TRUE/FALSE; a date or date-time is a date-time (UTC, to
 * the millisecond); anything else is text as served, a leading `=` included; an empty cell is empty.
 */
import { expect } from '@playwright/test';
import type { ExportRecipe } from '../../lib/recipes/recipe';
import { findColumn, findReport, type Report } from '../../lib/reports';
import type { Simulator } from '../simulator/index';
import type { WorkbookCell, WorkbookSheet } from '../support/openpyxl';
import { expectedTable, instant, servedTable, type Table } from './recipeSupport';

const cards = findReport('cards') as Report;

/** Column ids that name an id: `cardId`, `currentLaneId`, `boardId`… */
const ID = /Id$/;

/** `columnIds`: the catalogue id of each column of `table`, in order (its header, unless human headers). */
export function expectedCells(
  table: Table,
  report: Report,
  columnIds: readonly string[],
): WorkbookCell[][] {
  const types = columnIds.map((id) =>
    ID.test(id) ? 'string' : (findColumn(report, id)?.type ?? 'string'),
  );
  const header = table.header.map((text): WorkbookCell => [text, 's']);
  const rows = table.rows.map((row) =>
    row.map((text, i): WorkbookCell => {
      if (text === '') return [null, 'n'];
      switch (types[i]) {
        case 'int':
          return [Number(text), 'n'];
        case 'bool':
          return [text.toLowerCase() === 'true', 'b'];
        case 'date':
        case 'datetime':
          return [new Date(instant(text)).toISOString().slice(0, 23), 'd'];
        default:
          return [text, 's'];
      }
    }),
  );
  return table.header.length === 0 ? [] : [header, ...rows];
}

/**
 * The first cell where a workbook's rows differ from what they must be, in words, or undefined
 * when every cell and type is right (a whole-sheet `toEqual` would print thousands of cells).
 */
export function firstCellDifference(
  actual: readonly WorkbookCell[][],
  expected: readonly WorkbookCell[][],
): string | undefined {
  if (actual.length !== expected.length) {
    return `${actual.length} rows, expected ${expected.length}`;
  }
  for (let r = 0; r < expected.length; r++) {
    const want = JSON.stringify(expected[r]);
    const got = JSON.stringify(actual[r]);
    if (got !== want) return `row ${r + 1}: ${got}, expected ${want}`;
  }
  return undefined;
}

/**
 * The one sheet an export of the cards with this recipe must be, from what the simulator serves
 * for these boards, with its header frozen, bold and filtered; and whether a title starting with
 * `=` is among its cells (held as text, never a formula).
 */
export async function expectedSheet(
  simulator: Simulator,
  recipe: ExportRecipe,
  boardIds: readonly string[] = [],
) {
  const table = expectedTable(await servedTable(simulator, cards, 'csv', boardIds), {
    report: cards,
    recipe,
  });
  const columnIds = recipe.columns ?? table.header;
  const rows = expectedCells(table, cards, columnIds);
  const lastColumn = columnLetters(columnIds.length);
  const formulaLike = rows.some((row) =>
    row.some(([value, type]) => type === 's' && String(value).startsWith('=')),
  );
  return { rows, filter: `A1:${lastColumn}${rows.length}`, formulaLike };
}

export type ExpectedSheet = Awaited<ReturnType<typeof expectedSheet>>;

/** Checks the workbook is the one sheet expected: every cell, every type, the header's dress. */
export function expectWorkbook(sheets: WorkbookSheet[], expected: ExpectedSheet): void {
  expect(sheets.map((sheet) => sheet.name)).toEqual(['cards']);
  const [sheet] = sheets;
  expect(sheet?.frozen).toBe('A2');
  expect(sheet?.filter).toBe(expected.filter);
  expect(sheet?.bold.every((bold) => bold)).toBe(true);
  expect(firstCellDifference(sheet?.rows ?? [], expected.rows)).toBeUndefined();
}

/** A spreadsheet's name for its n-th column (1: A, 27: AA). */
function columnLetters(n: number): string {
  return n <= 26
    ? String.fromCharCode(64 + n)
    : columnLetters(Math.floor((n - 1) / 26)) + columnLetters(((n - 1) % 26) + 1);
}
