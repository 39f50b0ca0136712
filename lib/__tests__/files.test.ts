import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_NAME_PATTERN } from '../defaultFileNamePattern';
import {
  checkFileNamePattern,
  exportFileName,
  flowFileStem,
  isWindowsReservedName,
} from '../files';

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
    [
      { reportId: 'cards', boardIds: [], format: 'xlsx' },
      'leankit-acme-cards-all-20261127-1405.xlsx',
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

  it.each([
    ['an account name over 40 characters, cut to 40', 'a'.repeat(50), 'a'.repeat(40)],
    ['a cut that ends on a dash', `${'a'.repeat(39)}-bcd`, 'a'.repeat(39)],
    ['runs of other characters, one dash each', '--Acme  &  Co--', 'acme-co'],
    ['nothing usable, kept as x', '***', 'x'],
  ])('names the account part: %s', (_name, accountName, part) => {
    const name = exportFileName({
      accountName,
      reportId: 'cards',
      boardIds: [],
      format: 'csv',
      date,
    });
    expect(name).toBe(`leankit-${part}-cards-all-20261127-1405.csv`);
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
    ['a--{report}', 'a-cards.csv'],
    [' .-{report}-. ', 'cards.csv'],
    ['a...b {report}', 'a.b cards.csv'],
    ['{report}.{format}', 'cards.csv.csv'],
    ['', 'leankit-acme-cards-board101-20261127-1405.csv'],
    ['{nope}-{report}', 'leankit-acme-cards-board101-20261127-1405.csv'],
    ['///', 'leankit-acme-cards-board101-20261127-1405.csv'],
  ])('%j names the file %s', (pattern, expected) => {
    expect(exportFileName({ ...parts, boardIds: [...parts.boardIds], pattern })).toBe(expected);
  });

  it.each([
    ['a long pattern is cut to 120 characters', `${'x'.repeat(300)}{report}`, 'x'.repeat(120)],
    ['a cut never ends on a dash', `${'x'.repeat(119)}-{report}`, 'x'.repeat(119)],
    ['a cut never ends on a dot or space', `${'x'.repeat(118)}. {report}`, 'x'.repeat(118)],
  ])('caps the length so every file system accepts it: %s', (_name, pattern, stem) => {
    expect(exportFileName({ ...parts, pattern })).toBe(`${stem}.csv`);
  });

  // Windows refuses these names whatever the extension; other names that merely start alike are fine.
  it.each([
    ['con', 'leankit-con'],
    ['PRN', 'leankit-PRN'],
    ['Aux', 'leankit-Aux'],
    ['nul', 'leankit-nul'],
    ['com1', 'leankit-com1'],
    ['LPT9', 'leankit-LPT9'],
    ['console', 'console'],
    ['com', 'com'],
    ['comx', 'comx'],
    ['lpt10', 'lpt10'],
    ['my con', 'my con'],
    ['conx', 'conx'],
    ['xnul', 'xnul'],
    // The part before the first dot counts, less the trailing spaces Windows ignores.
    ['NUL.{report}', 'leankit-NUL.cards'],
    ['con.{format}', 'leankit-con.csv'],
    ['Con .{report}', 'leankit-Con .cards'],
    ['aux  . {date}', 'leankit-aux  . 20261127'],
    ['com0.x', 'leankit-com0.x'],
    ['lpt5.{board}', 'leankit-lpt5.board101'],
    ['{report}.con', 'cards.con'],
    ['console.{report}', 'console.cards'],
    // Superscript digits are not kept in a pattern, so COM¹ cannot come out either.
    ['COM\u00b9.{report}', 'COM-.cards'],
    ['-.con.{report}', 'leankit-con.cards'],
  ])('%j names the file %s', (pattern, stem) => {
    expect(exportFileName({ ...parts, pattern })).toBe(`${stem}.csv`);
  });

  it.each(['con', 'prn', 'aux', 'nul'])('an account called %s still gives a safe name', (name) => {
    for (const pattern of ['{account}', '{account}.{report}', '{account} .{date}']) {
      const fileName = exportFileName({ ...parts, accountName: name, pattern });
      expect(isWindowsReservedName(fileName), fileName).toBe(false);
      expect(fileName.startsWith(`leankit-${name}`)).toBe(true);
    }
  });
});

describe('isWindowsReservedName', () => {
  it.each([
    ...['CON', 'PRN', 'AUX', 'NUL'],
    ...Array.from({ length: 10 }, (_, i) => `COM${i}`),
    ...Array.from({ length: 10 }, (_, i) => `LPT${i}`),
    ...['COM\u00b9', 'COM\u00b2', 'COM\u00b3', 'LPT\u00b9', 'LPT\u00b2', 'LPT\u00b3'],
  ])('%s is reserved, whatever the case, alone, with an extension or trailing spaces', (name) => {
    for (const fileName of [
      name,
      name.toLowerCase(),
      `${name}.csv`,
      `${name.toLowerCase()}.cards.csv`,
      `${name}  .tsv`,
      `${name} `,
    ]) {
      expect(isWindowsReservedName(fileName), fileName).toBe(true);
    }
  });

  it.each([
    'console.csv',
    'cards.con.csv',
    'com.csv',
    'com10.csv',
    'lpt.csv',
    'nul-cards.csv',
    'xnul.csv',
    ' con.csv',
    'leankit-NUL.cards.csv',
    'com\u2074.csv',
  ])('%s is not reserved', (fileName) => {
    expect(isWindowsReservedName(fileName)).toBe(false);
  });
});

describe('checkFileNamePattern', () => {
  const unknown = (token: string) =>
    `{${token}} is not a name part. Use {account} {report} {board} {date} {time} {format}.`;
  const empty = 'Enter a pattern, for example leankit-{report}-{date}.';

  it.each([
    [DEFAULT_FILE_NAME_PATTERN, null],
    ['{report}', null],
    ['plain', null],
    ['-{date}-', null],
    ['{bogus}', unknown('bogus')],
    ['{report}-{}', unknown('')],
    ['', empty],
    ['  ', empty],
    ['.-. -', empty],
    ['///', empty],
  ])('%j → %s', (pattern, expected) => {
    expect(checkFileNamePattern(pattern)).toBe(expected);
  });
});

describe('flowFileStem', () => {
  it.each([
    [{ id: '101', title: 'Team Alpha' }, 'flow-team-alpha-cycle-time-2026-11-30'],
    [
      { id: '101', title: '  Ops / Support: 2nd line!  ' },
      'flow-ops-support-2nd-line-cycle-time-2026-11-30',
    ],
    [{ id: '101', title: 'Équipe Zürich' }, 'flow-équipe-zürich-cycle-time-2026-11-30'],
    [{ id: '101', title: '開発チーム' }, 'flow-開発チーム-cycle-time-2026-11-30'],
    [{ id: '101', title: '../../etc' }, 'flow-etc-cycle-time-2026-11-30'],
    [{ id: '101', title: '***' }, 'flow-board101-cycle-time-2026-11-30'],
    [{ id: '101' }, 'flow-board101-cycle-time-2026-11-30'],
  ])('names a file of %o by its board', (board, stem) => {
    expect(flowFileStem(board, 'cycle-time', '2026-11-30')).toBe(stem);
  });

  it('keeps a long title to 40 characters, without a dash at its end', () => {
    const title = `${'a'.repeat(39)} b${'c'.repeat(30)}`;
    expect(flowFileStem({ id: '1', title }, 'forecast', '2026-11-30')).toBe(
      `flow-${'a'.repeat(39)}-forecast-2026-11-30`,
    );
  });
});
