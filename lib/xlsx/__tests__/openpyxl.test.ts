// @vitest-environment node
/**
 * Proof that a reader we did not write reads our workbooks as meant: openpyxl (Debian's
 * python3-openpyxl, which .ci/run installs) opens one and reports every cell's value and type.
 * Without python3 or openpyxl this test fails: CI has them, so a missing one is a broken setup.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SheetColumn } from '../sheetXml';
import { createXlsxWriter } from '../xlsxWriter';

/** Debian's interpreter, which its python3-openpyxl is installed for (a pyenv or venv python3 earlier on PATH is not). */
const PYTHON = '/usr/bin/python3';

/**
 * Prints the workbook as JSON: each sheet's name, frozen cell, autofilter and rows of
 * [value, openpyxl's data type]; date-times as ISO text to the millisecond. Text is decoded the way
 * Excel decodes it (`_xHHHH_` escapes), once, here: openpyxl leaves an inline string's escapes as
 * they are, and of a shared string's removes every `x005F_` (even where Excel shows one), so its
 * shared strings are read without that step.
 */
const READER = `
import datetime, json, sys
import openpyxl
import openpyxl.reader.excel
from openpyxl.cell.text import Text
from openpyxl.utils.escape import unescape
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

def read_string_table(source):
    return [Text.from_tree(node).content for _, node in iterparse(source)
            if node.tag == "{%s}si" % SHEET_MAIN_NS]

openpyxl.reader.excel.read_string_table = read_string_table

def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.isoformat(timespec="milliseconds")
    elif isinstance(v, str):
        v = unescape(v)
    return [v, c.data_type]

wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([{
    "name": ws.title,
    "frozen": ws.freeze_panes,
    "filter": ws.auto_filter.ref,
    "bold": [c.font.b for c in ws[1]],
    "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
} for ws in wb.worksheets]))
`;

const COLUMNS: SheetColumn[] = [
  { header: 'cardId', type: 'string' },
  { header: 'cardTitle', type: 'string' },
  { header: 'cardSize', type: 'int' },
  { header: 'isCardBlocked', type: 'bool' },
  { header: 'plannedStartDate', type: 'date' },
  { header: 'creationDate', type: 'datetime' },
  { header: 'Estimate (hours, "rough") & <notes>', type: 'string' },
];

type Cell = [string | number | boolean | null, string];

/** Each row as LeanKit serves it, and as openpyxl must read it back. */
const ROWS: [(string | undefined)[], Cell[]][] = [
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

const directory = mkdtempSync(join(tmpdir(), 'xlsx-openpyxl-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function readWithOpenpyxl(file: string) {
  const result = spawnSync(PYTHON, ['-c', READER, file], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      `${PYTHON} did not run (install python3-openpyxl, as .ci/run does): ${result.error.message}`,
    );
  }
  if (result.status !== 0) throw new Error(`openpyxl could not read ${file}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as {
    name: string;
    frozen: string | null;
    filter: string | null;
    bold: boolean[];
    rows: Cell[][];
  }[];
}

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
      const file = join(directory, 'cards.xlsx');
      writeFileSync(file, Buffer.concat(chunks));

      const header: Cell[] = COLUMNS.map((column) => [column.header, 's']);
      expect(readWithOpenpyxl(file)).toEqual([
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
