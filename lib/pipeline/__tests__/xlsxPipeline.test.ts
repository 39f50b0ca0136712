// @vitest-environment node
/**
 * The XLSX output of the row pipeline, read back by a reader we did not write: openpyxl (Debian's
 * python3-openpyxl, which .ci/run installs) reports every sheet's name and every cell's value and
 * type. Without it this test fails: CI has it, so a missing one is a broken setup.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook, type WorkbookCell } from '@/tests/support/openpyxl';
import { NO_ROW_MATCHED } from '../../recipes/recipe';
import { findReport, type Report } from '../../reports';
import { readCustomFields } from '../customFields';
import { csvField } from '../writers';
import { createXlsxPipeline, type XlsxPipelineOptions } from '../xlsxPipeline';

type Cell = WorkbookCell;
type Sheet = [string, Cell[][]];

/** Each sheet of the workbook as [name, rows of [value, openpyxl's data type]]. */
function sheetsOf(file: Uint8Array): Sheet[] {
  return readWorkbook(file).map((sheet) => [sheet.name, sheet.rows]);
}

const cards = findReport('cards') as Report;

/** LeanKit's cards CSV, every field quoted: a column our catalogue does not know served mid-row. */
const SERVED = [
  [
    'cardId',
    'cardTitle',
    'brandNewColumn',
    'cardSize',
    'isCardBlocked',
    'plannedStartDate',
    'creationDate',
    'currentLaneId',
  ],
  [
    '123456789012345678',
    '=Plan "A"',
    '7',
    '5',
    'True',
    '2026-03-02',
    '2026-03-01 23:30:00.0000000',
    '10100000001',
  ],
  ['2', 'Ship, then rest', '', '', 'False', '', '2026-03-02 10:00:00.9070000', 'L2'],
  ['3', 'Line one\r\nline two', 'y', '13', 'false', '2026-03-04', '2026-03-03T12:00:00Z', 'L1'],
].map((cells) => `${cells.map(csvField).join(',')}\r\n`);
const [HEADER = '', ...ROWS] = SERVED;
const BODY = HEADER + ROWS.join('');

const s = (value: string): Cell => [value, 's'];
const n = (value: number): Cell => [value, 'n'];
const b = (value: boolean): Cell => [value, 'b'];
const d = (value: string): Cell => [value, 'd'];
const EMPTY: Cell = [null, 'n'];

/** Every served column, the unknown one last, as openpyxl reads the three rows in UTC. */
const EVERY_COLUMN: Cell[][] = [
  [
    'cardId',
    'cardTitle',
    'cardSize',
    'isCardBlocked',
    'plannedStartDate',
    'creationDate',
    'currentLaneId',
    'brandNewColumn',
  ].map(s),
  [
    s('123456789012345678'),
    s('=Plan "A"'),
    n(5),
    b(true),
    d('2026-03-02T00:00:00.000'),
    d('2026-03-01T23:30:00.000'),
    s('10100000001'),
    s('7'),
  ],
  [
    s('2'),
    s('Ship, then rest'),
    EMPTY,
    b(false),
    EMPTY,
    d('2026-03-02T10:00:00.907'),
    s('L2'),
    EMPTY,
  ],
  [
    s('3'),
    s('Line one\r\nline two'),
    n(13),
    b(false),
    d('2026-03-04T00:00:00.000'),
    d('2026-03-03T12:00:00.000'),
    s('L1'),
    s('y'),
  ],
];

/** The note on a file whose chosen columns leave out the column the catalogue does not know. */
const UNLISTED =
  'LeanKit now serves a column “brandNewColumn” the chosen columns do not list; it was left out.';

type Options = Omit<XlsxPipelineOptions, 'report'> & { report?: Report };

/** The workbook one whole response makes, fed in chunks of `chunkSize`. */
function run(options: Options, body = BODY, chunkSize = body.length) {
  const pipeline = createXlsxPipeline({ report: cards, ...options });
  const response = pipeline.response();
  const bytes: Uint8Array[] = [];
  let rows = 0;
  for (let i = 0; i < body.length; i += chunkSize) {
    const chunk = response.push(body.slice(i, i + chunkSize));
    bytes.push(...chunk.bytes);
    rows += chunk.rows;
  }
  const { complete, received } = response;
  const end = pipeline.finish();
  bytes.push(...end.bytes);
  return {
    file: Buffer.concat(bytes),
    rows,
    complete,
    received,
    sheets: end.sheets,
    notes: pipeline.notes,
  };
}

function customFieldTable() {
  const reader = readCustomFields();
  reader.push(
    '"cardId","currentBoardId","externalCardId","customFieldId","label","type","customFieldValue"\r\n' +
      '"123456789012345678","b","","f1","Team","choice","=Core"\r\n' +
      '"3","b","","f2","Budget","number","42"\r\n' +
      '"3","b","","f1","Team","choice","Ops"\r\n',
  );
  return reader.table();
}

describe('createXlsxPipeline', () => {
  it.each<[string, Options, Cell[][], number, string[]?]>([
    [
      'every column: ids text, ints numbers, booleans, dates, the unknown column last',
      { recipe: {} },
      EVERY_COLUMN,
      3,
    ],
    [
      'columns chosen and reordered, human headers',
      { recipe: { columns: ['isCardBlocked', 'cardTitle', 'cardId'], humanHeaders: true } },
      [
        [s('Card blocked'), s('Card title'), s('Card ID')],
        [b(true), s('=Plan "A"'), s('123456789012345678')],
        [b(false), s('Ship, then rest'), s('2')],
        [b(false), s('Line one\r\nline two'), s('3')],
      ],
      3,
      [UNLISTED],
    ],
    [
      'date-times in the recipe’s time zone, dates as they are',
      {
        recipe: {
          columns: ['cardId', 'creationDate', 'plannedStartDate'],
          timeZone: 'Europe/Paris',
        },
      },
      [
        [s('cardId'), s('creationDate'), s('plannedStartDate')],
        [s('123456789012345678'), d('2026-03-02T00:30:00.000'), d('2026-03-02T00:00:00.000')],
        [s('2'), d('2026-03-02T11:00:00.907'), EMPTY],
        [s('3'), d('2026-03-03T13:00:00.000'), d('2026-03-04T00:00:00.000')],
      ],
      3,
      [UNLISTED],
    ],
    [
      'a date range, in UTC',
      {
        recipe: {
          columns: ['cardId', 'creationDate'],
          filters: { dateRange: { column: 'creationDate', from: '2026-03-02', to: '2026-03-02' } },
        },
      },
      [
        [s('cardId'), s('creationDate')],
        [s('2'), d('2026-03-02T10:00:00.907')],
      ],
      1,
      [UNLISTED],
    ],
    [
      'a date range in the recipe’s time zone',
      {
        recipe: {
          columns: ['cardId', 'creationDate'],
          timeZone: 'Europe/Paris',
          filters: { dateRange: { column: 'creationDate', from: '2026-03-02', to: '2026-03-02' } },
        },
      },
      [
        [s('cardId'), s('creationDate')],
        [s('123456789012345678'), d('2026-03-02T00:30:00.000')],
        [s('2'), d('2026-03-02T11:00:00.907')],
      ],
      2,
      [UNLISTED],
    ],
    [
      'custom fields as text columns after the chosen ones, joined by a cardId left out',
      { recipe: { columns: ['cardSize'], customFields: true }, customFields: customFieldTable() },
      [
        [s('cardSize'), s('Budget'), s('Team')],
        [n(5), EMPTY, s('=Core')],
        [EMPTY, EMPTY, EMPTY],
        [n(13), s('42'), s('Ops')],
      ],
      3,
      [UNLISTED],
    ],
  ])('%s', (_name, options, expected, rows, notes = []) => {
    const whole = run(options);
    expect(whole).toMatchObject({ rows, complete: true, received: 3, sheets: 1, notes });
    expect(sheetsOf(whole.file)).toEqual([['cards', expected]]);
  });

  it.each([1, 7, 64])('makes the same sheet from text in chunks of %i characters', (size) => {
    const options: Options = { recipe: { timeZone: 'Europe/Paris' } };
    const sheet = (file: Buffer) => unzipSync(file)['xl/worksheets/sheet1.xml'];
    const whole = run(options);
    const chunked = run(options, BODY, size);
    expect(chunked).toMatchObject({ rows: 3, complete: true, received: 3 });
    expect(sheet(chunked.file)).toEqual(sheet(whole.file));
  });

  it('continues a resumed response, whose header row it leaves out, after the rows received', () => {
    const pipeline = createXlsxPipeline({ report: cards, recipe: {} });
    const bytes: Uint8Array[] = [];
    const first = pipeline.response();
    const a = first.push(HEADER + ROWS[0] + ROWS[1]?.slice(0, 30));
    expect([a.rows, first.received, first.complete]).toEqual([1, 1, false]);
    // The resumed request (offset=1) repeats the header row.
    const second = pipeline.response();
    const b = second.push(HEADER + ROWS[1] + ROWS[2]);
    expect([b.rows, second.received, second.complete]).toEqual([2, 2, true]);
    bytes.push(...a.bytes, ...b.bytes, ...pipeline.finish().bytes);
    expect(sheetsOf(Buffer.concat(bytes))).toEqual([['cards', EVERY_COLUMN]]);
  });

  it.each([
    ['inside a quoted cell', HEADER + ROWS[0] + ROWS[2]?.slice(0, 30)],
    ['before the last line break', HEADER + ROWS[0] + ROWS[2]?.slice(0, -2)],
    ['before the header row ends', HEADER.slice(0, 20)],
  ])('says a body cut short %s is not complete, and leaves its last line out', (_name, body) => {
    const result = run({ recipe: {} }, body);
    expect(result.complete).toBe(false);
    const rows = body.length > HEADER.length ? 1 : 0;
    expect(result.rows).toBe(rows);
    if (rows > 0) expect(sheetsOf(result.file)).toEqual([['cards', EVERY_COLUMN.slice(0, 2)]]);
  });

  it('writes a header-only sheet, and says why, when the filters keep no row', () => {
    const result = run({
      recipe: {
        columns: ['cardId', 'cardSize'],
        filters: { dateRange: { column: 'creationDate', from: '2030-01-01' } },
      },
    });
    expect(result).toMatchObject({
      rows: 0,
      received: 3,
      complete: true,
      notes: [UNLISTED, NO_ROW_MATCHED],
    });
    expect(sheetsOf(result.file)).toEqual([['cards', [[s('cardId'), s('cardSize')]]]]);
  });

  it('ends a workbook whose response never sent its header row with one empty sheet', () => {
    const result = run({ recipe: {} }, '');
    expect(result).toMatchObject({ rows: 0, complete: false, received: 0, sheets: 1, notes: [] });
    expect(sheetsOf(result.file)).toEqual([['cards', []]]);
  });

  it('notes a column LeanKit no longer serves, and leaves it out', () => {
    const result = run({ recipe: { columns: ['cardId', 'gone'] } });
    expect(result.notes).toEqual([
      'LeanKit no longer serves the column “gone”; it was left out.',
      UNLISTED,
    ]);
    expect(sheetsOf(result.file)[0]?.[1][0]).toEqual([s('cardId')]);
  });

  it.each<[number, string[], string]>([
    [3, ['cards', 'cards (2)'], 'it continues on the sheet “cards (2)”.'],
    [
      2,
      ['cards', 'cards (2)', 'cards (3)'],
      'it continues on the sheets “cards (2)”, “cards (3)”.',
    ],
  ])('goes on to more sheets past %i rows a sheet, and says so', (maxRowsPerSheet, names, note) => {
    const result = run({ recipe: { columns: ['cardId', 'cardSize'] }, maxRowsPerSheet });
    expect(result).toMatchObject({ rows: 3, sheets: names.length });
    expect(result.notes).toEqual([
      UNLISTED,
      `The export has more rows than an Excel sheet holds; ${note}`,
    ]);
    const rows = [
      [s('123456789012345678'), n(5)],
      [s('2'), EMPTY],
      [s('3'), n(13)],
    ];
    const perSheet = maxRowsPerSheet - 1;
    expect(sheetsOf(result.file)).toEqual(
      names.map((name, i) => [
        name,
        [[s('cardId'), s('cardSize')], ...rows.slice(i * perSheet, (i + 1) * perSheet)],
      ]),
    );
  });
});
