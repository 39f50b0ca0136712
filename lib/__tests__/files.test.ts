import { describe, expect, it } from 'vitest';
import { checkFileNamePattern, DEFAULT_FILE_NAME_PATTERN, exportFileName } from '../files';

const date = new Date(2026, 10, 27, 14, 5);

describe('exportFileName', () => {
  it.each([
    [
      { reportId: 'cards', boardIds: [], format: 'csv' },
      'leankit-acme-cards-all-20261127-1405.csv',
    ],
    [
      { reportId: 'cards', boardIds: ['10112345678'], format: 'json' },
      'leankit-acme-cards-board10112345678-20261127-1405.json',
    ],
    [
      { reportId: 'userassignments-current', boardIds: ['1', '2', '3'], format: 'tab' },
      'leankit-acme-userassignments-current-3boards-20261127-1405.tsv',
    ],
  ] as const)('names %j as %s', (parts, expected) => {
    expect(
      exportFileName({ accountName: 'acme', date, ...parts, boardIds: [...parts.boardIds] }),
    ).toBe(expected);
  });

  it('keeps only characters every file system accepts', () => {
    const name = exportFileName({
      accountName: 'Ac/me:*?"<>|',
      reportId: '../../etc',
      boardIds: ['1 2'],
      format: 'csv',
      date,
    });
    expect(name).toBe('leankit-ac-me-etc-board1-2-20261127-1405.csv');
    expect(name).toMatch(/^[a-z0-9.-]+$/);
  });

  it('pads single-digit months, days, hours and minutes', () => {
    const name = exportFileName({
      accountName: 'acme',
      reportId: 'cards',
      boardIds: [],
      format: 'csv',
      date: new Date(2027, 0, 2, 3, 4),
    });
    expect(name).toBe('leankit-acme-cards-all-20270102-0304.csv');
  });
});

describe('exportFileName with a pattern', () => {
  const parts = {
    accountName: 'acme',
    reportId: 'cards',
    boardIds: ['101'],
    format: 'csv',
    date,
  } as const;

  it.each([
    ['{account}_{report}_{date}', 'acme_cards_20261127.csv'],
    ['{report} {board} {time}', 'cards board101 1405.csv'],
    ['Export {format}', 'Export csv.csv'],
    ['../{report}/..', 'cards.csv'],
    ['a:b*c?"<>|{report}', 'a-b-c-cards.csv'],
    ['con', 'leankit-con.csv'],
    ['', 'leankit-acme-cards-board101-20261127-1405.csv'],
    ['{nope}-{report}', 'leankit-acme-cards-board101-20261127-1405.csv'],
    ['///', 'leankit-acme-cards-board101-20261127-1405.csv'],
  ])('%j names the file %s', (pattern, expected) => {
    expect(exportFileName({ ...parts, boardIds: [...parts.boardIds], pattern })).toBe(expected);
  });

  it('caps the length so every file system accepts it', () => {
    const name = exportFileName({ ...parts, boardIds: [], pattern: `${'x'.repeat(300)}{report}` });
    expect(name.length).toBeLessThanOrEqual(124);
    expect(name.endsWith('.csv')).toBe(true);
  });
});

describe('checkFileNamePattern', () => {
  it.each([
    [DEFAULT_FILE_NAME_PATTERN, null],
    ['{report}', null],
    ['plain', null],
    ['{bogus}', /\{bogus\} is not a name part/],
    ['', /Enter a pattern/],
    ['  ', /Enter a pattern/],
  ])('%j → %s', (pattern, expected) => {
    const problem = checkFileNamePattern(pattern);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
