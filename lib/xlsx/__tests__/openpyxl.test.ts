// @vitest-environment node
/**
 * Proof that a reader we did not write reads our workbooks as meant: openpyxl (Debian's
 * python3-openpyxl, which .ci/run installs) opens one and reports every cell's value and type.
 * Without python3 or openpyxl this test fails: CI has them, so a missing one is a broken setup.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbook, type WorkbookCell } from '@/tests/support/openpyxl';
import type { SheetColumn } from '../sheetXml';
import { createXlsxWriter } from '../xlsxWriter';

const COLUMNS: SheetColumn[] = [
  { header: 'cardId', type: 'string' },
  { header: 'cardTitle', type: 'string' },
  { header: 'cardSize', type: 'int' },
  { header: 'isCardBlocked', type: 'bool' },
  { header: 'plannedStartDate', type: 'date' },
  { header: 'creationDate', type: 'datetime' },
  { header: 'Estimate (hours, "rough") & <notes>', type: 'string' },
];

/** Each row as LeanKit serves it, and as openpyxl must read it back. */
const ROWS: [(string | undefined)[], WorkbookCell[]][] = [
  [
    ['123456789012345678', '=1+1', '5', 'true', '2019-04-15', '2019-04-15 19:05:14.9070000', '2.5'],
    [
      ['123456789012345678', 's'],
      ['=1+1', 's'],
      [5, 'n'],
      [true, 'b'],
      ['2019-04-15T00:00:00.000', 'd'],
      ['2019-04-15T19:05:14.907', 'd'],
      ['2.5', 's'],
    ],
  ],
  [
    ['10100000001', '@SUM(A1)', '-3', 'False', '1900-03-01', '2019-04-15T19:05:14Z', ''],
    [
      ['10100000001', 's'],
      ['@SUM(A1)', 's'],
      [-3, 'n'],
      [false, 'b'],
      ['1900-03-01T00:00:00.000', 'd'],
      ['2019-04-15T19:05:14.000', 'd'],
      [null, 'n'],
    ],
  ],
  [
    [
      '007',
      ' <b>bold</b> & "quoted"\n',
      '999999999999999',
      '1',
      '1900-02-28',
      '2019-02-28T23:59:59Z',
      '_x0041_',
    ],
    [
      ['007', 's'],
      [' <b>bold</b> & "quoted"\n', 's'],
      [999999999999999, 'n'],
      [true, 'b'],
      ['1900-02-28T00:00:00.000', 'd'],
      ['2019-02-28T23:59:59.000', 'd'],
      ['_x0041_', 's'],
    ],
  ],
  [
    [
      undefined,
      'bell\u0007 and\ttab, line\r\nbreak 😀',
      '12345678901234567',
      'maybe',
      '2019-02-29',
      'soon',
      undefined,
    ],
    [
      [null, 'n'],
      ['bell and\ttab, line\r\nbreak 😀', 's'],
      ['12345678901234567', 's'],
      ['maybe', 's'],
      ['2019-02-29', 's'],
      ['soon', 's'],
      [null, 'n'],
    ],
  ],
  [
    ['1', 'x'.repeat(40_000), '0', '0', '9999-12-31', '1900-01-01 00:00:00', 'Équipe'],
    [
      ['1', 's'],
      ['x'.repeat(32_767), 's'],
      [0, 'n'],
      [false, 'b'],
      ['9999-12-31T00:00:00.000', 'd'],
      ['1900-01-01T00:00:00.000', 'd'],
      ['Équipe', 's'],
    ],
  ],
  [
    // Gaps of two and three empty cells: as empty cells, then as a reference.
    ['2', undefined, '', '1', undefined, undefined, undefined],
    [
      ['2', 's'],
      [null, 'n'],
      [null, 'n'],
      [true, 'b'],
      [null, 'n'],
      [null, 'n'],
      [null, 'n'],
    ],
  ],
  [
    ['3', undefined, undefined, undefined, '2019-04-15', undefined, 'z'],
    [
      ['3', 's'],
      [null, 'n'],
      [null, 'n'],
      [null, 'n'],
      ['2019-04-15T00:00:00.000', 'd'],
      [null, 'n'],
      ['z', 's'],
    ],
  ],
];

describe('a workbook read by openpyxl', () => {
  it.each([
    ['shared strings where they fit', undefined],
    ['every text inline', { strings: 0, chars: 0, stringChars: 0 }],
  ])(
    'has every cell with its value and type, the header frozen, bold and filtered, in two sheets (%s)',
    (_, sharedStrings) => {
      const chunks: Uint8Array[] = [];
      const writer = createXlsxWriter({
        sheetName: 'cards',
        columns: COLUMNS,
        onChunk: (bytes) => chunks.push(bytes),
        maxRowsPerSheet: 5,
        sharedStrings,
      });
      for (const [cells] of ROWS) writer.addRow(cells);
      expect(writer.finish()).toEqual({ rows: 7, sheets: 2 });

      const header: WorkbookCell[] = COLUMNS.map((column) => [column.header, 's']);
      expect(readWorkbook(Buffer.concat(chunks))).toEqual([
        {
          name: 'cards',
          frozen: 'A2',
          filter: 'A1:G5',
          bold: COLUMNS.map(() => true),
          rows: [header, ...ROWS.slice(0, 4).map(([, cells]) => cells)],
        },
        {
          name: 'cards (2)',
          frozen: 'A2',
          filter: 'A1:G4',
          bold: COLUMNS.map(() => true),
          rows: [header, ...ROWS.slice(4).map(([, cells]) => cells)],
        },
      ]);
    },
  );
});
