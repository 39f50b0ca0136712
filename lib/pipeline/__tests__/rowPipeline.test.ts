// @vitest-environment node
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../tests/simulator/index';
import type { ExportRecipe } from '../../recipes/recipe';
import { findReport, type Report } from '../../reports';
import { readCustomFields } from '../customFields';
import { createRowPipeline, type RowPipelineOptions } from '../rowPipeline';
import { BOM } from '../writers';

const cards = findReport('cards') as Report;
const HEADER =
  '"cardId","cardTitle","cardTypeId","creationDate","archivedDate","currentLaneId"\r\n';
const ROWS = [
  '"1","=Plan ""A""","bug","2026-03-01 23:30:00.0000000","","L1"\r\n',
  '"2","Ship, then rest","feature","2026-03-02 10:00:00.0000000","2026-03-05 10:00:00.0000000","L2"\r\n',
  '"3","Line one\r\nline two","bug","2026-03-03 12:00:00.0000000","","L1"\r\n',
];
const BODY = HEADER + ROWS.join('');

type Options = Partial<RowPipelineOptions> & { recipe: ExportRecipe };

/** The file a whole response makes, fed in chunks of `chunkSize`. */
function run(options: Options, body = BODY, chunkSize = body.length) {
  const pipeline = createRowPipeline({
    report: cards,
    format: 'csv',
    excelFriendly: false,
    ...options,
  });
  const response = pipeline.response();
  let text = '';
  let rows = 0;
  for (let i = 0; i < body.length; i += chunkSize) {
    const chunk = response.push(body.slice(i, i + chunkSize));
    text += chunk.text;
    rows += chunk.rows;
  }
  return {
    text,
    rows,
    received: response.received,
    complete: response.complete,
    notes: pipeline.notes,
  };
}

describe('createRowPipeline', () => {
  it.each<[string, Options, string, number]>([
    [
      'columns chosen and reordered',
      { recipe: { columns: ['cardTitle', 'cardId'] } },
      '"cardTitle","cardId"\r\n"=Plan ""A""","1"\r\n"Ship, then rest","2"\r\n"Line one\r\nline two","3"\r\n',
      3,
    ],
    [
      'human headers',
      { recipe: { columns: ['cardId', 'currentLaneId'], humanHeaders: true } },
      '"Card ID","Current lane ID"\r\n"1","L1"\r\n"2","L2"\r\n"3","L1"\r\n',
      3,
    ],
    [
      'a filter',
      { recipe: { columns: ['cardId'], filters: { cardTypeIds: ['bug'] } } },
      '"cardId"\r\n"1"\r\n"3"\r\n',
      2,
    ],
    [
      'a date range in the recipe’s time zone, dates written in it',
      {
        recipe: {
          columns: ['cardId', 'creationDate'],
          timeZone: 'Europe/Paris',
          filters: { dateRange: { column: 'creationDate', from: '2026-03-02', to: '2026-03-02' } },
        },
      },
      '"cardId","creationDate"\r\n"1","2026-03-02 00:30:00.0000000"\r\n"2","2026-03-02 11:00:00.0000000"\r\n',
      2,
    ],
    [
      'Excel-friendly: a BOM and guarded cells',
      { excelFriendly: true, recipe: { columns: ['cardTitle', 'cardTypeId'] } },
      `${BOM}"cardTitle","cardTypeId"\r\n"'=Plan ""A""","bug"\r\n"Ship, then rest","feature"\r\n"Line one\r\nline two","bug"\r\n`,
      3,
    ],
    [
      'TAB',
      { format: 'tab', recipe: { columns: ['cardTypeId', 'cardId'], humanHeaders: true } },
      'Card type ID\tCard ID\r\nbug\t1\r\nfeature\t2\r\n',
      2,
    ],
  ])('%s', (_name, options, expected, rows) => {
    const body = options.format === 'tab' ? 'cardId\tcardTypeId\r\n1\tbug\r\n2\tfeature\r\n' : BODY;
    const whole = run(options, body);
    expect(whole).toMatchObject({ text: expected, rows, complete: true, notes: [] });
    // Cut anywhere, the same file.
    for (const size of [1, 2, 5, 17]) expect(run(options, body, size)).toEqual(whole);
  });

  it('copies rows as they came however the body is cut, rows that span two chunks included', () => {
    const body = HEADER + ROWS.join('').repeat(4);
    const whole = run({ recipe: {} }, body);
    expect(whole.text).toBe(body);
    for (let size = 1; size <= 400; size++) {
      expect(run({ recipe: {} }, body, size).text).toBe(whole.text);
    }
  });

  it('writes a header-only file, and says why, when the filters keep no row', () => {
    const recipe: ExportRecipe = { filters: { cardTypeIds: ['epic'] } };
    expect(run({ recipe })).toEqual({
      text: HEADER,
      rows: 0,
      received: 3,
      complete: true,
      notes: ['No row matched the filters: the file has only the header row.'],
    });
  });

  it('an export without rows is a header-only file without a note', () => {
    expect(run({ recipe: { columns: ['cardId'] } }, HEADER)).toMatchObject({
      text: '"cardId"\r\n',
      rows: 0,
      notes: [],
    });
  });

  it('counts the rows read apart from those written, so a resumed request starts after the rows read', () => {
    const pipeline = createRowPipeline({
      report: cards,
      format: 'csv',
      excelFriendly: false,
      recipe: { columns: ['cardId'], filters: { cardTypeIds: ['feature'] } },
    });
    const first = pipeline.response();
    const a = first.push(HEADER + (ROWS[0] ?? '') + (ROWS[1] ?? '').slice(0, 20));
    expect(a).toEqual({ text: '"cardId"\r\n', rows: 0 });
    expect(first.received).toBe(1);
    expect(first.complete).toBe(false);
    // The resumed response (offset=1) repeats the header; the file has it once.
    const second = pipeline.response();
    const b = second.push(HEADER + (ROWS[1] ?? '') + (ROWS[2] ?? ''));
    expect(b).toEqual({ text: '"2"\r\n', rows: 1 });
    expect(second.received).toBe(2);
    expect(second.complete).toBe(true);
  });

  it('reads a resumed response whose header orders the columns differently', () => {
    const pipeline = createRowPipeline({
      report: cards,
      format: 'csv',
      excelFriendly: false,
      recipe: { columns: ['cardTypeId', 'cardId'] },
    });
    const a = pipeline.response().push('"cardId","cardTypeId"\r\n"1","bug"\r\n');
    const b = pipeline.response().push('"cardTypeId","cardId"\r\n"feature","2"\r\n');
    expect(a.text + b.text).toBe('"cardTypeId","cardId"\r\n"bug","1"\r\n"feature","2"\r\n');
  });

  it('reads a resumed response whose header orders the columns differently, every column chosen', () => {
    const pipeline = createRowPipeline({
      report: cards,
      format: 'csv',
      excelFriendly: true,
      recipe: {},
    });
    const a = pipeline.response().push('"cardId","cardTypeId"\r\n"1","=bug"\r\n');
    const b = pipeline.response().push('"cardTypeId","cardId"\r\n"=feature","2"\r\n');
    expect(a.text + b.text).toBe(
      `${BOM}"cardId","cardTypeId"\r\n"1","'=bug"\r\n"2","'=feature"\r\n`,
    );
  });

  it('leaves out the BOM LeanKit may send, and writes one only when Excel-friendly', () => {
    const recipe = { columns: ['cardId'] };
    expect(run({ recipe }, BOM + HEADER).text).toBe('"cardId"\r\n');
    expect(run({ recipe, excelFriendly: true }, BOM + HEADER).text).toBe(`${BOM}"cardId"\r\n`);
  });

  it('fills cells missing from a short row with empty ones', () => {
    expect(run({ recipe: { columns: ['cardId', 'currentLaneId'] } }, `${HEADER}"9"\r\n`).text).toBe(
      '"cardId","currentLaneId"\r\n"9",""\r\n',
    );
  });

  it.each<[string, Options, string[]]>([
    [
      'a column LeanKit no longer serves',
      { recipe: { columns: ['cardId', 'gone'] } },
      ['LeanKit no longer serves the column “gone”; it was left out.'],
    ],
    [
      'a filter on a column the report lacks',
      {
        recipe: { filters: { changedSinceLastExport: true } },
        changedSince: '2026-01-01T00:00:00Z',
      },
      [
        'The Cards report has no “Last activity date” column, so the “changed since the last export” filter was not applied.',
      ],
    ],
    [
      'an unknown time zone',
      { recipe: { timeZone: 'Mars/Olympus_Mons' } },
      [
        'The time zone “Mars/Olympus_Mons” is unknown here; dates are in UTC, as LeanKit serves them.',
      ],
    ],
    [
      'custom fields on another report than cards',
      { report: findReport('lanes'), recipe: { customFields: true } },
      ['Custom fields are columns of the Cards report only; they were left out.'],
    ],
  ])('notes %s', (_name, options, notes) => {
    const result = run(options);
    expect(result.notes).toEqual(notes);
    expect(result.rows).toBe(3);
  });
});

describe('createRowPipeline with custom fields', () => {
  const customFields =
    '"cardId","currentBoardId","externalCardId","customFieldId","label","type","customFieldValue"\r\n' +
    '"1","b","","f1","Team","choice","=Core"\r\n' +
    '"3","b","","f2","Budget, ""code""","text","B-3"\r\n' +
    '"3","b","","f1","Team","choice","Ops"\r\n';

  function table() {
    const reader = readCustomFields();
    reader.push(customFields);
    return reader.table();
  }

  it('adds one column per label after the cards columns, empty for cards without values', () => {
    const result = run({
      excelFriendly: true,
      customFields: table(),
      recipe: { columns: ['cardTitle'], customFields: true },
    });
    expect(result.text).toBe(
      `${BOM}"cardTitle","Budget, ""code""","Team"\r\n` +
        `"'=Plan ""A""","","'=Core"\r\n` +
        `"Ship, then rest","",""\r\n` +
        `"Line one\r\nline two","B-3","Ops"\r\n`,
    );
    expect(result.notes).toEqual([]);
  });

  it('joins by cardId even when the file leaves that column out, and with every column', () => {
    const result = run({ customFields: table(), recipe: { customFields: true } });
    const [header, first] = result.text.split('\r\n');
    expect(header).toBe(`${HEADER.trimEnd()},"Budget, ""code""","Team"`);
    expect(first).toBe(`${ROWS[0]?.trimEnd()},"","=Core"`);
  });

  it('guards a label that looks like a formula, and writes TAB labels and values without tabs', () => {
    const reader = readCustomFields();
    reader.push(
      '"cardId","currentBoardId","externalCardId","customFieldId","label","type","customFieldValue"\r\n' +
        '"1","b","","f1","=Risk\tlevel","text","high\tvery"\r\n',
    );
    const options = {
      customFields: reader.table(),
      recipe: { columns: ['cardId'], customFields: true },
    };
    expect(run({ ...options, excelFriendly: true }).text).toBe(
      `${BOM}"cardId","'=Risk\tlevel"\r\n"1","high\tvery"\r\n"2",""\r\n"3",""\r\n`,
    );
    expect(run({ ...options, format: 'tab' }, 'cardId\r\n1\r\n').text).toBe(
      'cardId\t=Risk level\r\n1\thigh very\r\n',
    );
  });

  it('needs the custom field table', () => {
    expect(() =>
      createRowPipeline({
        report: cards,
        format: 'csv',
        excelFriendly: false,
        recipe: { customFields: true },
      }),
    ).toThrow(TypeError);
  });
});

describe('createRowPipeline against the simulator', () => {
  let sim: Simulator;
  let bareSim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ boards: 2, cardsPerBoard: 200 });
    bareSim = await startSimulator({
      boards: 2,
      cardsPerBoard: 200,
      quoteAll: false,
      columnHeaders: 'labels',
    });
  });
  afterAll(async () => {
    await sim.close();
    await bareSim.close();
  });

  const COLUMNS = ['cardId', 'cardTitle', 'currentLaneTitle', 'creationDate', 'lastActivityDate'];
  const recipe: ExportRecipe = {
    columns: COLUMNS,
    filters: { dateRange: { column: 'creationDate', from: '2024-06-01', to: '2025-01-31' } },
  };

  it.each([
    ['quoted, headed by ids', () => sim],
    ['quoted only where needed, headed by labels', () => bareSim],
  ])(
    '5 columns and a date filter, %s: cell by cell what papaparse reads in the served CSV',
    async (_name, of) => {
      const body = (await of().body('/io/reporting/export/cards?format=csv')).toString();
      const served = Papa.parse<string[]>(body.trim(), { newline: '\r\n' }).data;
      const [header = [], ...rows] = served;
      const index = (id: string) =>
        header.findIndex((cell) => cell.replace(/\s/g, '').toLowerCase() === id.toLowerCase());
      const expected = rows
        .filter((row) => {
          const day = (row[index('creationDate')] ?? '').slice(0, 10);
          return day >= '2024-06-01' && day <= '2025-01-31';
        })
        .map((row) => COLUMNS.map((id) => row[index(id)] ?? ''));
      expect(expected.length).toBeGreaterThan(10);
      expect(expected.length).toBeLessThan(rows.length);

      const result = run({ recipe }, body, 4096);
      const written = Papa.parse<string[]>(result.text.trim(), { newline: '\r\n' }).data;
      expect(written[0]).toEqual(COLUMNS.map((id) => header[index(id)]));
      expect(written.slice(1)).toEqual(expected);
      expect(result).toMatchObject({
        rows: expected.length,
        received: rows.length,
        complete: true,
      });
    },
  );
});

describe('createRowPipeline: chosen cells, and dates read where they lie in the record', () => {
  /** Served cards: cardId, cardTitle, creationDate. Titles with commas, quotes, line breaks, formulas. */
  const CARDS = [
    ['1', 'a, b', '2026-03-01 00:00:00.0000000'],
    ['2', '=say "hi"', '2026-03-31 23:59:59.9999999'],
    ['3', 'line\r\n-break', '2026-02-28 23:59:59.9999999'],
    ['4', '=1+2', ''],
    ['5', 'tab\there', '2026-04-01 00:00:00'],
    ['6', 'x', '2026-03-31 22:30:00.1'],
    ['7', 'y', '2026-03-15T10:00:00Z'],
    // Paris moves to summer time at 01:00 UTC that day.
    ['8', 'z', '2026-03-29 01:30:00'],
  ];
  const recipe: ExportRecipe = {
    columns: ['cardTitle', 'creationDate', 'cardId'],
    filters: { dateRange: { column: 'creationDate', from: '2026-03-01', to: '2026-03-31' } },
  };
  /** What the file must hold, by the recipe's zone (title, date, id), guarded. */
  const EXPECTED: Record<'UTC' | 'Europe/Paris', string[][]> = {
    UTC: [
      ['a, b', '2026-03-01 00:00:00.0000000', '1'],
      ['\'=say "hi"', '2026-03-31 23:59:59.9999999', '2'],
      ['x', '2026-03-31 22:30:00.1', '6'],
      ['y', '2026-03-15T10:00:00Z', '7'],
      ['z', '2026-03-29 01:30:00', '8'],
    ],
    'Europe/Paris': [
      ['a, b', '2026-03-01 01:00:00.0000000', '1'],
      ["'line\r\n-break", '2026-03-01 00:59:59.9999999', '3'],
      ['y', '2026-03-15 11:00:00', '7'],
      ['z', '2026-03-29 03:30:00', '8'],
    ],
  };
  const HEADERS = ['cardId', 'cardTitle', 'creationDate'];

  type Served = 'quoted' | 'quoted where needed' | 'tab';
  /** LeanKit's TAB has no quoting: what would split a row or a field is a space. */
  const tabCell = (cell: string) => cell.replace(/[\t\r\n]/g, ' ');
  const csvCell = (cell: string, all: boolean) =>
    all || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;

  function served(style: Served, newline: string): string {
    return [HEADERS, ...CARDS]
      .map(
        (cells) =>
          (style === 'tab'
            ? cells.map(tabCell).join('\t')
            : cells.map((cell) => csvCell(cell, style === 'quoted')).join(',')) + newline,
      )
      .join('');
  }

  function expected(zone: 'UTC' | 'Europe/Paris', format: 'csv' | 'tab', newline: string) {
    const header = ['cardTitle', 'creationDate', 'cardId'];
    const rows = EXPECTED[zone].map((cells) =>
      // In TAB, the guard has nothing to do for a title whose line break became spaces.
      format === 'tab' ? cells.map((cell) => tabCell(cell.replace(/^'line/, 'line'))) : cells,
    );
    return (
      BOM +
      [header, ...rows]
        .map(
          (cells) =>
            (format === 'tab'
              ? cells.join('\t')
              : cells.map((cell) => csvCell(cell, true)).join(',')) + newline,
        )
        .join('')
    );
  }

  it.each<[Served, string, boolean, 'UTC' | 'Europe/Paris']>([
    ['quoted', '\r\n', false, 'UTC'],
    ['quoted', '\n', false, 'UTC'],
    ['quoted', '\r\n', true, 'UTC'],
    ['quoted where needed', '\r\n', false, 'UTC'],
    ['tab', '\r\n', false, 'UTC'],
    ['tab', '\n', true, 'UTC'],
    ['quoted', '\r\n', false, 'Europe/Paris'],
    ['quoted', '\n', true, 'Europe/Paris'],
    ['quoted where needed', '\n', false, 'Europe/Paris'],
    ['tab', '\r\n', false, 'Europe/Paris'],
  ])('%s, line breaks %j, BOM served %s, dates in %s', (style, newline, bom, zone) => {
    const format = style === 'tab' ? 'tab' : 'csv';
    const options: Options = {
      format,
      excelFriendly: true,
      recipe: zone === 'UTC' ? recipe : { ...recipe, timeZone: zone },
    };
    const body = (bom ? BOM : '') + served(style, newline);
    const whole = run(options, body);
    expect(whole).toMatchObject({
      text: expected(zone, format, newline),
      rows: EXPECTED[zone].length,
      received: CARDS.length,
      complete: true,
      notes: [],
    });
    // Cut anywhere, the same file.
    for (const size of [1, 3, 16]) expect(run(options, body, size)).toEqual(whole);
  });
});

describe('createRowPipeline: cells next to each other copied together', () => {
  const BODY_CELLS = [
    ['cardId', 'creationDate', 'cardTitle', 'currentLaneId'],
    ['1', '2026-01-15 12:00:00.0000000', '=x', 'L1'],
    ['2', '2026-07-15 23:30:00', 'a, "b"', 'L2'],
    ['3', '', 'line\r\n-two', 'L3'],
    ['4', '2026-03-29 01:30:00', 'ok', 'L4'],
    ['5', '2026-01-15T12:00:00Z', 'ok', 'L5'],
  ];
  const csv = (rows: string[][], all: boolean, newline: string) =>
    rows
      .map(
        (cells) =>
          cells
            .map((cell) =>
              all || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell,
            )
            .join(',') + newline,
      )
      .join('');

  it.each<[string, ExportRecipe, string[][]]>([
    [
      'every column in Paris time',
      { timeZone: 'Europe/Paris' },
      [
        ['cardId', 'creationDate', 'cardTitle', 'currentLaneId'],
        ['1', '2026-01-15 13:00:00.0000000', "'=x", 'L1'],
        ['2', '2026-07-16 01:30:00', 'a, "b"', 'L2'],
        ['3', '', "'line\r\n-two", 'L3'],
        ['4', '2026-03-29 03:30:00', 'ok', 'L4'],
        ['5', '2026-01-15 13:00:00', 'ok', 'L5'],
      ],
    ],
    [
      'columns in served order, one left out, in Paris time',
      { columns: ['cardId', 'creationDate', 'currentLaneId'], timeZone: 'Europe/Paris' },
      [
        ['cardId', 'creationDate', 'currentLaneId'],
        ['1', '2026-01-15 13:00:00.0000000', 'L1'],
        ['2', '2026-07-16 01:30:00', 'L2'],
        ['3', '', 'L3'],
        ['4', '2026-03-29 03:30:00', 'L4'],
        ['5', '2026-01-15 13:00:00', 'L5'],
      ],
    ],
    [
      'columns in served order, in UTC',
      { columns: ['cardId', 'creationDate', 'cardTitle'] },
      [
        ['cardId', 'creationDate', 'cardTitle'],
        ['1', '2026-01-15 12:00:00.0000000', "'=x"],
        ['2', '2026-07-15 23:30:00', 'a, "b"'],
        ['3', '', "'line\r\n-two"],
        ['4', '2026-03-29 01:30:00', 'ok'],
        ['5', '2026-01-15T12:00:00Z', 'ok'],
      ],
    ],
    [
      'columns in reverse order',
      { columns: ['currentLaneId', 'cardTitle', 'creationDate', 'cardId'] },
      BODY_CELLS.map((cells) => {
        const [id = '', date = '', title = '', lane = ''] = cells;
        return [lane, title.replace(/^(=|line)/, "'$1"), date, id];
      }),
    ],
  ])('%s', (_name, recipe, expected) => {
    for (const [all, newline] of [
      [true, '\r\n'],
      [false, '\n'],
    ] as const) {
      const body = csv(BODY_CELLS, all, newline);
      const options: Options = { excelFriendly: true, recipe };
      const whole = run(options, body);
      expect(whole).toMatchObject({ text: BOM + csv(expected, true, newline), rows: 5 });
      for (const size of [1, 7]) expect(run(options, body, size)).toEqual(whole);
    }
  });
});
