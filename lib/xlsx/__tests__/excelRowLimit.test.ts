// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { countSheetRows } from '../../../tests/support/openpyxl';
import type { SheetColumn } from '../sheetXml';
import { createXlsxWriter, EXCEL_MAX_ROWS } from '../xlsxWriter';

const directory = mkdtempSync(join(tmpdir(), 'xlsx-row-limit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const COLUMNS: SheetColumn[] = [
  { header: 'cardId', type: 'string' },
  { header: 'size', type: 'int' },
];
const cardId = (row: number): string => String(100_000_000_000 + row);

// Excel's real limit, not a small one a test chose: a million rows, written and read back whole.
// Minutes on a loaded machine, most of them openpyxl's.
it('a workbook one sheet cannot hold goes on in "cards (2)", every row once, in order', () => {
  const rows = EXCEL_MAX_ROWS + 2;
  const chunks: Uint8Array[] = [];
  const writer = createXlsxWriter({
    sheetName: 'cards',
    columns: COLUMNS,
    onChunk: (bytes) => chunks.push(bytes),
  });
  for (let row = 1; row <= rows; row++) writer.addRow([cardId(row), String(row % 13)]);
  expect(writer.finish()).toEqual({ rows, sheets: 2 });
  const file = join(directory, 'cards.xlsx');
  writeFileSync(file, Buffer.concat(chunks));

  // The first sheet is full: its header and EXCEL_MAX_ROWS - 1 data rows; the rest follow.
  const full = EXCEL_MAX_ROWS - 1;
  expect(countSheetRows(file)).toEqual([
    {
      name: 'cards',
      rows: EXCEL_MAX_ROWS,
      first: [cardId(1), 1],
      last: [cardId(full), full % 13],
    },
    {
      name: 'cards (2)',
      rows: 1 + rows - full,
      first: [cardId(full + 1), (full + 1) % 13],
      last: [cardId(rows), rows % 13],
    },
  ]);
}, 600_000);
