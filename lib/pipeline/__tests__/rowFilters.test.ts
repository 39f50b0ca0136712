import { describe, expect, it } from 'vitest';
import type { RowFilters } from '../../recipes/recipe';
import { findReport, type Report } from '../../reports';
import { createZoneConverter } from '../dates';
import { RecordScanner } from '../records';
import { compileRowFilter, type FilterContext } from '../rowFilters';

const cards = findReport('cards') as Report;
const header = [
  'cardId',
  'cardTypeId',
  'plannedStartDate',
  'lastActivityDate',
  'archivedDate',
  'currentLaneId',
];

/** Cards as CSV lines, one per id, in the order of `header`. */
const CARDS: Record<string, string[]> = {
  a: ['a', 'bug', '2026-03-01', '2026-03-01 23:30:00.0000000', '', 'L1'],
  b: [
    'b',
    'feature',
    '2026-03-02',
    '2026-03-02 00:30:00.0000000',
    '2026-03-05 10:00:00.0000000',
    'L2',
  ],
  c: ['c', 'bug', '', '2026-03-03 12:00:00.0000000', '', 'L3'],
  d: ['d', 'chore', '2026-03-04', '', '', 'L1'],
};

/** The cards that `filters` keeps. */
function kept(filters: RowFilters, context: Partial<FilterContext> = {}, report = cards) {
  const filter = compileRowFilter(filters, {
    report,
    fieldOf: (id) => header.indexOf(id),
    ...context,
  });
  const scanner = new RecordScanner('csv');
  const ids: string[] = [];
  const text = Object.values(CARDS)
    .map((cells) => `${cells.map((cell) => `"${cell}"`).join(',')}\r\n`)
    .join('');
  scanner.push(text, (record) => {
    if (!filter.test || filter.test(record)) ids.push(record.cell(0) ?? '');
  });
  return { ids: ids.join(''), notes: filter.notes, all: filter.test === undefined };
}

describe('compileRowFilter', () => {
  it.each<[string, RowFilters, string]>([
    ['no filters', {}, 'abcd'],
    [
      'a date range, both ends included',
      { dateRange: { column: 'plannedStartDate', from: '2026-03-02', to: '2026-03-04' } },
      'bd',
    ],
    [
      'a date range from a day on',
      { dateRange: { column: 'plannedStartDate', from: '2026-03-02' } },
      'bd',
    ],
    [
      'a date range up to a day',
      { dateRange: { column: 'plannedStartDate', to: '2026-03-01' } },
      'a',
    ],
    [
      'a date range on a date-time column, by its day in UTC',
      { dateRange: { column: 'lastActivityDate', from: '2026-03-02', to: '2026-03-02' } },
      'b',
    ],
    [
      'a date range without ends keeps every row',
      { dateRange: { column: 'plannedStartDate' } },
      'abcd',
    ],
    ['archived cards left out', { archived: 'exclude' }, 'acd'],
    ['archived cards only', { archived: 'only' }, 'b'],
    ['lanes', { laneIds: ['L1', 'L3'] }, 'acd'],
    ['no lanes chosen keeps every row', { laneIds: [] }, 'abcd'],
    ['card types', { cardTypeIds: ['bug'] }, 'ac'],
    [
      'filters together',
      { cardTypeIds: ['bug', 'chore'], laneIds: ['L1'], archived: 'exclude' },
      'ad',
    ],
    ['a filter that keeps nothing', { cardTypeIds: ['epic'] }, ''],
  ])('%s', (_name, filters, ids) => {
    expect(kept(filters)).toMatchObject({ ids, notes: [] });
  });

  describe('card types by id or by name', () => {
    /** Rows of `report` with a card type id and title column: which of them `wanted` keeps. */
    function keptTypes(report: Report, titleColumn: string, wanted: string[]) {
      const columns = ['cardId', 'cardTypeId', titleColumn];
      const filter = compileRowFilter(
        { cardTypeIds: wanted },
        { report, fieldOf: (id) => columns.indexOf(id) },
      );
      const ids: string[] = [];
      new RecordScanner('csv').push(
        '"a","101","Defect"\r\n"b","102","User Story"\r\n"c","201","defect"\r\n"d","103",""\r\n',
        (record) => {
          if (filter.test?.(record)) ids.push(record.cell(0) ?? '');
        },
      );
      return { ids: ids.join(''), notes: filter.notes };
    }
    const assignments = findReport('userassignments-current') as Report;

    it.each<[string, Report, string, string[], string]>([
      ['an id', cards, 'cardType', ['102'], 'b'],
      ['a name, on every board, whatever its case', cards, 'cardType', ['DEFECT'], 'ac'],
      ['a name with spaces', cards, 'cardType', [' user story '], 'b'],
      ['names and ids together', cards, 'cardType', ['user story', '103'], 'bd'],
      ['a name in another report’s title column', assignments, 'cardTypeTitle', ['Defect'], 'ac'],
      ['a name no card has', cards, 'cardType', ['Epic'], ''],
    ])('%s', (_name, report, titleColumn, wanted, ids) => {
      expect(keptTypes(report, titleColumn, wanted)).toEqual({ ids, notes: [] });
    });
  });

  it('reads a date-time’s day in the recipe’s time zone', () => {
    const day = (date: string): RowFilters => ({
      dateRange: { column: 'lastActivityDate', from: date, to: date },
    });
    // a (23:30 UTC on the 1st) is on the 2nd in Paris; b (00:30 UTC on the 2nd) is on the 1st in New York.
    expect(kept(day('2026-03-02')).ids).toBe('b');
    expect(kept(day('2026-03-02'), { toZone: createZoneConverter('Europe/Paris') }).ids).toBe('ab');
    expect(kept(day('2026-03-01'), { toZone: createZoneConverter('America/New_York') }).ids).toBe(
      'ab',
    );
  });

  it.each<[string, boolean, boolean]>([
    // [served cell (CSV), kept in UTC, kept in Paris time]
    ['"2026-03-01 00:00:00.0000000"', true, true],
    ['"2026-02-28 23:59:59.9999999"', false, true],
    ['"2026-03-31 23:59:59.9999999"', true, false],
    ['"2026-03-31 21:59:59"', true, true],
    ['"2026-04-01 00:00:00"', false, false],
    ['"2026-03-15T10:00:00Z"', true, true],
    ['"2026-03-15"', true, true],
    ['2026-03-15 10:00:00', true, true],
    ['""', false, false],
    ['"2026-3-15 10:00:00"', false, false],
    ['"2026-03-1"', false, false],
    ['"not a date"', false, false],
    ['"2026-03-15 ""x"""', true, true],
    ['"""2026-03-15"""', false, false],
  ])(
    'a date range from 2026-03-01 to 2026-03-31 on %s: kept in UTC %s, in Paris %s',
    (cell, utc, paris) => {
      const filters: RowFilters = {
        dateRange: { column: 'lastActivityDate', from: '2026-03-01', to: '2026-03-31' },
      };
      const keeps = (toZone?: ReturnType<typeof createZoneConverter>) => {
        const { test } = compileRowFilter(filters, {
          report: cards,
          fieldOf: (id) => ['cardId', 'lastActivityDate'].indexOf(id),
          toZone,
        });
        let result: boolean | undefined;
        new RecordScanner('csv').push(`"a",${cell}\r\n`, (record) => {
          result = test?.(record);
        });
        return result;
      };
      expect(keeps()).toBe(utc);
      expect(keeps(createZoneConverter('Europe/Paris'))).toBe(paris);
    },
  );

  it('keeps no row whose date cell is missing from a short record', () => {
    const { test } = compileRowFilter(
      { dateRange: { column: 'lastActivityDate', from: '2026-03-01' } },
      { report: cards, fieldOf: (id) => ['cardId', 'lastActivityDate'].indexOf(id) },
    );
    const kept: boolean[] = [];
    new RecordScanner('tab').push('a\nb\t2026-03-02\n', (record) => {
      kept.push(test?.(record) ?? true);
    });
    expect(kept).toEqual([false, true]);
  });

  it('keeps only rows active after the last export, when there was one', () => {
    const changed: RowFilters = { changedSinceLastExport: true };
    expect(kept(changed, { changedSince: '2026-03-02T00:30:00.000Z' }).ids).toBe('c');
    expect(kept(changed, { changedSince: '2026-03-02T00:29:59.999Z' }).ids).toBe('bc');
    expect(kept(changed)).toMatchObject({ ids: 'abcd', all: true });
  });

  it('leaves out, with a note each, the filters whose column the report lacks', () => {
    const lanes = findReport('lanes') as Report;
    const result = kept(
      {
        archived: 'only',
        cardTypeIds: ['bug'],
        dateRange: { column: 'cardSize', from: '2026-01-01' },
      },
      { fieldOf: (id) => ['laneId', 'creationDate'].indexOf(id) },
      lanes,
    );
    expect(result).toEqual({
      ids: 'abcd',
      all: true,
      notes: [
        'The Lanes report has no “Card size” column, so the date range filter was not applied.',
        'The Lanes report has no “Archived date” column, so the archived cards filter was not applied.',
        'The Lanes report has no “Card type ID” column, so the card types filter was not applied.',
      ],
    });
  });

  it('finds the lane in laneId where the report has no currentLaneId (card positions)', () => {
    const positions = findReport('cardpositions') as Report;
    const filter = compileRowFilter(
      { laneIds: ['L2'] },
      { report: positions, fieldOf: (id) => ['cardId', 'laneId'].indexOf(id) },
    );
    const ids: string[] = [];
    new RecordScanner('csv').push('"a","L1"\r\n"b","L2"\r\n', (record) => {
      if (filter.test?.(record)) ids.push(record.cell(0) ?? '');
    });
    expect(ids).toEqual(['b']);
    expect(filter.notes).toEqual([]);
  });
});
