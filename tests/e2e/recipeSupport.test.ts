// @vitest-environment node

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecipe } from '../../lib/recipes/recipe';
import { findReport, type Report } from '../../lib/reports';
import { type Simulator, startSimulator } from '../simulator/index';
import {
  expectedTable,
  FIVE_COLUMNS_RECIPE,
  firstDifference,
  instant,
  inTimeZone,
  parseDelimited,
  readExportFile,
  recordsOf,
  servedTable,
  type Table,
} from './recipeSupport';

function report(id: string): Report {
  const found = findReport(id);
  if (!found) throw new Error(`no report ${id}`);
  return found;
}
const CARDS = report('cards');

describe('parseDelimited', () => {
  it.each([
    ['CSV, every field quoted, CRLF', '"a","b"\r\n"1","2"\r\n', 'csv', [['1', '2']]],
    [
      'CSV with commas, quotes and line breaks in cells',
      '"a","b"\r\n"x, y","say ""hi""\nthen go"\r\n',
      'csv',
      [['x, y', 'say "hi"\nthen go']],
    ],
    ['CSV, minimal quoting, LF, no final line break', 'a,b\n1,"2,3"', 'csv', [['1', '2,3']]],
    ['TAB, where a quote is a character', 'a\tb\r\n"x\ty"\r\n', 'tab', [['"x', 'y"']]],
    ['a BOM before the header', '\uFEFFa,b\r\n1,2\r\n', 'csv', [['1', '2']]],
  ] as const)('%s', (_name, text, format, rows) => {
    expect(parseDelimited(text, format)).toEqual({ header: ['a', 'b'], rows });
  });

  it.each(['csv', 'tab'] as const)('%s: a header only, and an empty file', (format) => {
    expect(parseDelimited('a\r\n', format)).toEqual({ header: ['a'], rows: [] });
    expect(parseDelimited('', format)).toEqual({ header: [], rows: [] });
  });

  it('refuses CSV it cannot read', () => {
    expect(() => parseDelimited('"a","b\r\n"1","2"\r\n', 'csv')).toThrow(/Not valid CSV/);
  });
});

describe('firstDifference', () => {
  const expected: Table = {
    header: ['a', 'b'],
    rows: [
      ['1', 'x'],
      ['2', 'y'],
    ],
  };

  it.each<[string, Table, string | undefined]>([
    [
      'the same cells',
      {
        header: ['a', 'b'],
        rows: [
          ['1', 'x'],
          ['2', 'y'],
        ],
      },
      undefined,
    ],
    [
      'another header',
      { header: ['a', 'c'], rows: expected.rows },
      'the header, column b: expected "b", got "c"',
    ],
    [
      'a different cell',
      {
        header: ['a', 'b'],
        rows: [
          ['1', 'x'],
          ['2', 'y\n'],
        ],
      },
      'row 3 (data row 2), column b: expected "y", got "y\\n"',
    ],
    [
      'a missing cell',
      { header: ['a', 'b'], rows: [['1'], ['2', 'y']] },
      'row 2 (data row 1), column b: expected "x", got undefined',
    ],
    [
      'a missing row',
      { header: ['a', 'b'], rows: [['1', 'x']] },
      'row 3 (data row 2): expected ["2","y"], got no row',
    ],
    [
      'a row too many',
      { header: ['a', 'b'], rows: [...expected.rows, ['3', 'z']] },
      'row 4 (data row 3): expected no row, got ["3","z"]',
    ],
  ])('%s', (_name, actual, difference) => {
    expect(firstDifference(actual, expected)).toBe(difference);
  });
});

describe('readExportFile', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('tells whether the file starts with a BOM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'recipe-support-'));
    await writeFile(join(dir, 'with.csv'), '\uFEFF"a"\r\n"é"\r\n');
    await writeFile(join(dir, 'without.tsv'), 'a\r\né\r\n');
    const table = { header: ['a'], rows: [['é']] };
    expect(await readExportFile(join(dir, 'with.csv'), 'csv')).toEqual({ bom: true, table });
    expect(await readExportFile(join(dir, 'without.tsv'), 'tab')).toEqual({ bom: false, table });
  });
});

it.each([
  ['2019-04-15 19:05:14.9070000', Date.UTC(2019, 3, 15, 19, 5, 14, 907)],
  ['2019-04-15', Date.UTC(2019, 3, 15)],
])('instant(%s)', (served, time) => {
  expect(instant(served)).toBe(time);
});

/** A cards export cut down to the columns the rules read, plus one LeanKit might add later. */
const SERVED: Table = {
  header: [
    'cardId',
    'cardTitle',
    'sprintGoal',
    'cardTypeId',
    'creationDate',
    'lastActivityDate',
    'archivedDate',
    'currentLaneId',
  ],
  rows: [
    [
      '1',
      'First',
      'g1',
      'T1',
      '2024-01-31 23:59:59.9990000',
      '2024-03-01 10:00:00.0000000',
      '',
      'L1',
    ],
    [
      '2',
      'Second',
      'g2',
      'T2',
      '2024-02-01 00:00:00.0000000',
      '2024-03-01 10:00:00.0010000',
      '2024-05-01 08:00:00.0000000',
      'L2',
    ],
    [
      '3',
      'Third',
      'g3',
      'T1',
      '2024-02-29 12:00:00.0000000',
      '2024-02-29 12:00:00.0000000',
      '',
      'L2',
    ],
    ['4', 'Fourth', 'g4', 'T2', '2024-03-01 00:00:00.0000000', '', '', 'L1'],
  ],
};

const CUSTOM_FIELDS: Table = {
  header: [
    'cardId',
    'currentBoardId',
    'externalCardId',
    'customFieldId',
    'label',
    'type',
    'customFieldValue',
  ],
  rows: [
    ['3', 'B', '', 'F1', 'Estimate (hours, "rough")', 'number', '8'],
    ['1', 'B', '', 'F2', 'Team', 'choice', 'Ops, on call'],
    ['3', 'B', '', 'F2', 'Team', 'choice', 'Core'],
  ],
};

const ids = (table: Table): string[] => table.rows.map((row) => row[0] ?? '');

describe('expectedTable', () => {
  it.each<[string, ExportRecipe, string | undefined, string[]]>([
    ['no filters: every row', {}, undefined, ['1', '2', '3', '4']],
    [
      'a date range, inclusive at both ends, by UTC day',
      { filters: { dateRange: { column: 'creationDate', from: '2024-02-01', to: '2024-02-29' } } },
      undefined,
      ['2', '3'],
    ],
    [
      'a date range open at one end, leaving out empty dates',
      { filters: { dateRange: { column: 'lastActivityDate', from: '2024-03-01' } } },
      undefined,
      ['1', '2'],
    ],
    [
      'a date range on a column the report lacks: no filter',
      { filters: { dateRange: { column: 'laneEntryDate', to: '2000-01-01' } } },
      undefined,
      ['1', '2', '3', '4'],
    ],
    [
      'changed since: strictly after, empty activity left out',
      { filters: { changedSinceLastExport: true } },
      '2024-03-01T10:00:00.000Z',
      ['2'],
    ],
    [
      'changed since on a first run: every row',
      { filters: { changedSinceLastExport: true } },
      undefined,
      ['1', '2', '3', '4'],
    ],
    ['archived only', { filters: { archived: 'only' } }, undefined, ['2']],
    ['archived left out', { filters: { archived: 'exclude' } }, undefined, ['1', '3', '4']],
    ['lanes', { filters: { laneIds: ['L2'] } }, undefined, ['2', '3']],
    ['card types', { filters: { cardTypeIds: ['T1'] } }, undefined, ['1', '3']],
    ['card types ignoring case', { filters: { cardTypeIds: [' t1 '] } }, undefined, ['1', '3']],
    [
      'empty id lists: no filter',
      { filters: { laneIds: [], cardTypeIds: [] } },
      undefined,
      ['1', '2', '3', '4'],
    ],
    [
      'filters together',
      { filters: { archived: 'exclude', cardTypeIds: ['T1'], laneIds: ['L2'] } },
      undefined,
      ['3'],
    ],
  ])('%s', (_name, recipe, changedSince, kept) => {
    const table = expectedTable(SERVED, { report: CARDS, recipe, changedSince });
    expect(ids(table)).toEqual(kept);
  });

  it('writes the chosen columns in the recipe order, leaving out what is not served', () => {
    const table = expectedTable(SERVED, {
      report: CARDS,
      recipe: { columns: ['cardTitle', 'cardId', 'cardSize', 'archivedDate'] },
    });
    expect(table.header).toEqual(['cardTitle', 'cardId', 'archivedDate']);
    expect(table.rows[1]).toEqual(['Second', '2', '2024-05-01 08:00:00.0000000']);
  });

  it('without a column list, writes unknown columns after the known ones', () => {
    const table = expectedTable(SERVED, { report: CARDS, recipe: {} });
    expect(table.header).toEqual([
      ...SERVED.header.filter((h) => h !== 'sprintGoal'),
      'sprintGoal',
    ]);
    expect(table.rows[0]?.at(-1)).toBe('g1');
  });

  it('keeps an unknown column’s served header under human headers', () => {
    const table = expectedTable(SERVED, { report: CARDS, recipe: { humanHeaders: true } });
    expect(table.header.slice(0, 2)).toEqual(['Card ID', 'Card title']);
    expect(table.header.at(-1)).toBe('sprintGoal');
  });

  it('reads headers LeanKit writes as labels, and writes human headers', () => {
    const served = {
      ...SERVED,
      header: SERVED.header.map((h) => (h === 'cardId' ? 'Card ID' : h)),
    };
    const table = expectedTable(served, {
      report: CARDS,
      recipe: { columns: ['cardId', 'isCardBlocked', 'cardTitle'], humanHeaders: true },
    });
    expect(table.header).toEqual(['Card ID', 'Card title']);
    expect(table.rows[0]).toEqual(['1', 'First']);
  });

  it('joins custom fields by card id, a column per label in order of appearance', () => {
    const table = expectedTable(SERVED, {
      report: CARDS,
      recipe: { columns: ['cardId'], customFields: true },
      customFields: CUSTOM_FIELDS,
    });
    expect(table.header).toEqual(['cardId', 'Estimate (hours, "rough")', 'Team']);
    expect(table.rows).toEqual([
      ['1', '', 'Ops, on call'],
      ['2', '', ''],
      ['3', '8', 'Core'],
      ['4', '', ''],
    ]);
  });

  it('needs the customfields report for custom field columns, and refuses time zones', () => {
    expect(() => expectedTable(SERVED, { report: CARDS, recipe: { customFields: true } })).toThrow(
      /customfields report/,
    );
    expect(() =>
      expectedTable(SERVED, { report: CARDS, recipe: { timeZone: 'Europe/Paris' } }),
    ).toThrow(/time zone/);
  });

  it('applies archived and lane filters only to reports that have those columns', () => {
    const tags: Table = { header: ['boardId', 'cardId', 'tag'], rows: [['B', '1', 'ux']] };
    const recipe: ExportRecipe = { filters: { archived: 'only', laneIds: ['L9'] } };
    expect(expectedTable(tags, { report: report('tags'), recipe }).rows).toEqual(tags.rows);
  });
});

describe('inTimeZone', () => {
  // Worked out by hand from the zones' offsets, not by Intl.
  it.each([
    [
      '+05:30, into the next day',
      'Asia/Kolkata',
      '2024-04-25 22:57:17.3940000',
      '2024-04-26 04:27:17.3940000',
    ],
    [
      '-05:00 in winter, into the day before',
      'America/New_York',
      '2024-01-19 04:58:33.1860000',
      '2024-01-18 23:58:33.1860000',
    ],
    [
      '-04:00 in summer',
      'America/New_York',
      '2024-05-21 01:23:12.1320000',
      '2024-05-20 21:23:12.1320000',
    ],
    [
      'the first minute of summer time',
      'America/New_York',
      '2024-03-10 07:00:00.0000000',
      '2024-03-10 03:00:00.0000000',
    ],
    [
      'the last minute of winter time',
      'America/New_York',
      '2024-03-10 06:59:59.5000000',
      '2024-03-10 01:59:59.5000000',
    ],
    ['no fraction', 'Asia/Kolkata', '2024-12-31 18:30:00', '2025-01-01 00:00:00'],
    ['an empty cell stays empty', 'Asia/Kolkata', '', ''],
  ])('%s', (_, zone, served, local) => {
    const table: Table = { header: ['cardId', 'creationDate'], rows: [['1', served]] };
    expect(inTimeZone(table, CARDS, zone).rows).toEqual([['1', local]]);
  });

  it('leaves dates without a time, and columns that are not date-times, as served', () => {
    const table: Table = {
      header: ['cardTitle', 'plannedStartDate', 'lastActivityDate'],
      rows: [['2024-04-25 22:57:17', '2024-04-25', '2024-04-25 22:57:17']],
    };
    expect(inTimeZone(table, CARDS, 'Asia/Kolkata').rows).toEqual([
      ['2024-04-25 22:57:17', '2024-04-25', '2024-04-26 04:27:17'],
    ]);
  });
});

describe('against the simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ boards: 2, cardsPerBoard: 12, now: () => Date.UTC(2026, 0, 2) });
  });
  afterAll(() => sim.close());

  it.each(['csv', 'tab'] as const)(
    'reads the served %s report of the boards asked for',
    async (format) => {
      const board = sim.boards[1]?.id as string;
      const table = await servedTable(sim, CARDS, format, [board]);
      expect(table.header).toEqual(CARDS.columns.map((column) => column.id));
      expect(table.rows).toHaveLength(12);
      expect(new Set(recordsOf(table).map((record) => record.currentBoardId))).toEqual(
        new Set([board]),
      );
    },
  );

  it('a second run after touching cards expects exactly the touched cards', async () => {
    const touched = sim.touchCards({ count: 4 });
    const table = expectedTable(await servedTable(sim, CARDS, 'csv'), {
      report: CARDS,
      recipe: {
        columns: ['cardId', 'lastActivityDate'],
        filters: { changedSinceLastExport: true },
      },
      changedSince: '2026-01-01T00:00:00.000Z',
    });
    expect(table.rows).toEqual(touched.map((cardId) => [cardId, '2026-01-02 00:00:00.0000000']));
  });

  it('joins the served custom fields, with quoted labels and multi-line values intact', async () => {
    const format = 'csv';
    const customFields = await servedTable(sim, report('customfields'), format);
    const table = expectedTable(await servedTable(sim, CARDS, format), {
      report: CARDS,
      recipe: { columns: ['cardId'], customFields: true },
      customFields,
    });
    const joined = recordsOf(table).flatMap((record) =>
      Object.entries(record)
        .filter(([header, value]) => header !== 'cardId' && value !== '')
        .map(([label, value]) => [record.cardId, label, value]),
    );
    const served = recordsOf(customFields).map((row) => [
      row.cardId,
      row.label,
      row.customFieldValue,
    ]);
    expect(joined.sort()).toEqual(served.sort());
  });

  it('the five-column recipe keeps some cards of every board and drops others', async () => {
    const standard = await startSimulator();
    try {
      const served = await servedTable(standard, CARDS, 'csv');
      const table = expectedTable(served, { report: CARDS, recipe: FIVE_COLUMNS_RECIPE });
      expect(table.header).toEqual([
        'Card title',
        'Card ID',
        'Current lane title',
        'Creation date',
        'Last activity date',
      ]);
      const boardOf = new Map(recordsOf(served).map((card) => [card.cardId, card.currentBoardId]));
      for (const board of standard.boards) {
        const cards = [...boardOf.values()].filter((id) => id === board.id).length;
        const kept = table.rows.filter((row) => boardOf.get(row[1] ?? '') === board.id).length;
        expect(kept, board.title).toBeGreaterThan(0);
        expect(kept, board.title).toBeLessThan(cards);
      }
      const titles = table.rows.map((row) => row[0] ?? '');
      for (const pattern of [/,/, /"/, /\n/]) {
        expect(
          titles.some((title) => pattern.test(title)),
          String(pattern),
        ).toBe(true);
      }
    } finally {
      await standard.close();
    }
  });
});
