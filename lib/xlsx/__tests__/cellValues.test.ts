import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../reports';
import { type CellValue, cellTyper, isIdColumn, MAX_CELL_CHARS, textCell } from '../cellValues';

const text = (value: string): CellValue => ({ kind: 'text', value });
const number = (value: number): CellValue => ({ kind: 'number', value });
const date = (serial: number): CellValue => ({ kind: 'date', serial, time: false });
const dateTime = (serial: number): CellValue => ({ kind: 'date', serial, time: true });
/** Excel's serial of a UTC time (from 1900-03-01 on). */
const serialOf = (iso: string) => (Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe('cellTyper', () => {
  it.each<[string, ColumnType, string | undefined, CellValue | undefined]>([
    // Ids stay exact text, whatever their column's declared type.
    ['cardId', 'string', '123456789012345678', text('123456789012345678')],
    ['boardId', 'int', '10100000001', text('10100000001')],
    ['Lane ID', 'int', '42', text('42')],
    ['assigned_user_id', 'int', '42', text('42')],
    ['id', 'int', '7', text('7')],
    // Numbers in number columns; text columns keep digits as text.
    ['cardSize', 'int', '5', number(5)],
    ['cardSize', 'int', '-3', number(-3)],
    ['cardSize', 'int', '0', number(0)],
    ['totalDurationDays', 'int', '2.75', number(2.75)],
    ['cardSize', 'int', '999999999999999', number(999_999_999_999_999)],
    ['cardSize', 'int', '1234567890123456', text('1234567890123456')],
    ['cardSize', 'int', '0.1234567890123456', text('0.1234567890123456')],
    ['cardSize', 'int', '1e5', text('1e5')],
    ['cardSize', 'int', '-2+3', text('-2+3')],
    ['cardSize', 'int', '1,000', text('1,000')],
    ['priority', 'string', '42', text('42')],
    ['Paid', 'int', '12', number(12)],
    // Booleans in any spelling LeanKit uses.
    ['isCardBlocked', 'bool', 'true', { kind: 'boolean', value: true }],
    ['isCardBlocked', 'bool', 'False', { kind: 'boolean', value: false }],
    ['isCardBlocked', 'bool', '1', { kind: 'boolean', value: true }],
    ['isCardBlocked', 'bool', '0', { kind: 'boolean', value: false }],
    ['isCardBlocked', 'bool', 'yes', text('yes')],
    // Dates and date-times in LeanKit's three forms, in UTC.
    ['plannedStartDate', 'date', '2019-04-15', date(43_570)],
    [
      'creationDate',
      'datetime',
      '2019-04-15T19:05:14Z',
      dateTime(serialOf('2019-04-15T19:05:14Z')),
    ],
    [
      'creationDate',
      'datetime',
      '2019-04-15 19:05:14.9070000',
      dateTime(serialOf('2019-04-15T19:05:14.907Z')),
    ],
    ['creationDate', 'datetime', '2019-04-15 19:05', dateTime(serialOf('2019-04-15T19:05:00Z'))],
    [
      'creationDate',
      'datetime',
      '2019-04-15T21:05:14+02:00',
      dateTime(serialOf('2019-04-15T19:05:14Z')),
    ],
    ['creationDate', 'datetime', '2019-04-15', dateTime(43_570)],
    ['creationDate', 'datetime', '2019-02-28T23:59:59Z', dateTime(43_524 + 86_399 / 86_400)],
    // Excel's 1900 date system counts a 1900-02-29 that never was.
    ['plannedStartDate', 'date', '1900-03-01', date(61)],
    ['plannedStartDate', 'date', '1900-02-28', date(59)],
    ['plannedStartDate', 'date', '1900-01-01', date(1)],
    ['plannedStartDate', 'date', '9999-12-31', date(2_958_465)],
    ['plannedStartDate', 'date', '1899-12-31', text('1899-12-31')],
    ['plannedStartDate', 'date', '2019-02-29', text('2019-02-29')],
    ['plannedStartDate', 'date', '2020-02-29', date(43_890)],
    ['creationDate', 'datetime', '2019-04-15 24:00:00', text('2019-04-15 24:00:00')],
    ['creationDate', 'datetime', 'soon', text('soon')],
    ['creationDate', 'datetime', '=NOW()', text('=NOW()')],
    // Empty cells are no cells.
    ['cardTitle', 'string', '', undefined],
    ['cardTitle', 'string', undefined, undefined],
    ['cardSize', 'int', '', undefined],
    // Text is never a formula: it stays text as it is.
    ['cardTitle', 'string', '=1+1', text('=1+1')],
    ['cardTitle', 'string', '@SUM(A1)', text('@SUM(A1)')],
    ['cardTitle', 'string', 'x\u0000y\u0008z\u000bw\u001f!\uffff', text('xyzw!')],
    ['cardTitle', 'string', 'tab\there\nline\r\nend', text('tab\there\nline\r\nend')],
  ])('%s (%s): %j', (header, type, input, expected) => {
    expect(cellTyper({ header, type })(input)).toEqual(expected);
  });
});

describe('isIdColumn', () => {
  it.each([
    ['cardId', true],
    ['currentBoardId', true],
    ['Card ID', true],
    ['card_id', true],
    ['ID', true],
    ['cardTitle', false],
    ['Paid', false],
    ['Void', false],
    ['idea', false],
  ])('%s: %s', (header, expected) => {
    expect(isIdColumn(header)).toBe(expected);
  });
});

describe('textCell', () => {
  it('cuts text to the most characters an Excel cell holds', () => {
    expect(textCell('a'.repeat(40_000))).toEqual(text('a'.repeat(MAX_CELL_CHARS)));
  });

  it('never cuts between the halves of a character outside the BMP', () => {
    const value = `${'a'.repeat(MAX_CELL_CHARS - 1)}😀b`;
    expect(textCell(value)).toEqual(text('a'.repeat(MAX_CELL_CHARS - 1)));
  });

  it('cuts after removing forbidden characters, not before', () => {
    const value = `${'\u0001'.repeat(10)}${'a'.repeat(MAX_CELL_CHARS)}`;
    expect(textCell(value)).toEqual(text('a'.repeat(MAX_CELL_CHARS)));
  });
});

/**
 * The regular-expression readings the char-code ones replaced, kept here as the reference: on many
 * random inputs near and in LeanKit's forms, both must type every cell alike.
 */
const REFERENCE_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function referenceDate(text: string, time: boolean): CellValue | undefined {
  const match = REFERENCE_DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', fraction = '', zone] =
    match;
  const [y, m, d, h, min, s] = [year, month, day, hours, minutes, seconds].map(Number) as number[];
  if ((h as number) > 23 || (min as number) > 59 || (s as number) > 59) return undefined;
  const midnight = Date.UTC(y as number, (m as number) - 1, d as number);
  const calendar = new Date(midnight);
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== (m as number) - 1) {
    return undefined;
  }
  let offset = 0;
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offset =
      (zone.startsWith('-') ? -1 : 1) *
      (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) *
      60_000;
  }
  const ms = Number(fraction.slice(1, 4).padEnd(3, '0'));
  const at =
    midnight + (((h as number) * 60 + (min as number)) * 60 + (s as number)) * 1000 + ms - offset;
  let serial = (at - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (serial < 61) serial -= 1;
  if (serial < 1 || serial >= 2_958_466) return undefined;
  return { kind: 'date', serial, time };
}

function referenceNumber(text: string): CellValue | undefined {
  const match = /^-?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const digits = `${match[1]}${match[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  return digits.length > 15 ? undefined : { kind: 'number', value: Number(text) };
}

function referenceBoolean(text: string): CellValue | undefined {
  if (/^(?:true|1)$/i.test(text)) return { kind: 'boolean', value: true };
  if (/^(?:false|0)$/i.test(text)) return { kind: 'boolean', value: false };
  return undefined;
}

/** A small seeded generator (mulberry32), so a failure repeats. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const digits = (count: number) => Array.from({ length: count }, () => int(10)).join('');
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return { next, int, pick, digits, pad };
}

/** Text near LeanKit's date forms: mostly valid, with edges (leap days, 1900, 9999) and breakage. */
function randomDateText(random: ReturnType<typeof randomSource>): string {
  const { int, pick, digits, pad, next } = random;
  const year = pick([int(10_000), 1899 + int(3), 1970 + int(70), 9999, 2000, 2100, 50]);
  const month = next() < 0.95 ? 1 + int(12) : pick([0, 13, 99]);
  const day = next() < 0.9 ? 1 + int(28) : pick([29, 30, 31, 0, 32]);
  let text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (next() < 0.8) {
    const hours = next() < 0.95 ? int(24) : pick([24, 99]);
    const minutes = next() < 0.95 ? int(60) : pick([60, 99]);
    text += `${pick([' ', 'T'])}${pad(hours, 2)}:${pad(minutes, 2)}`;
    if (next() < 0.85) {
      text += `:${pad(next() < 0.95 ? int(60) : pick([60, 99]), 2)}`;
      if (next() < 0.6) text += `.${digits(next() < 0.1 ? 0 : 1 + int(9))}`;
    }
  }
  if (next() < 0.4) {
    text += pick(['Z', `+${digits(2)}:${digits(2)}`, `-${digits(4)}`, '+1:00', 'z', 'ZZ', ' ']);
  }
  if (next() < 0.1) {
    const at = int(text.length);
    const change = pick(['', 'x', '0', ':', '-', '/', '١']);
    text = text.slice(0, at) + change + text.slice(at + 1);
  }
  return text;
}

function randomNumberText(random: ReturnType<typeof randomSource>): string {
  const { int, pick, digits, next } = random;
  let text = `${pick(['', '', '', '-', '+', ' '])}${pick(['', '0', '00'])}${digits(int(20))}`;
  if (next() < 0.5)
    text += `${pick(['.', '.', ',', 'e'])}${digits(int(20))}${pick(['', '', '0', '000'])}`;
  if (next() < 0.05) text += pick(['x', ' ', '.', '1']);
  return text;
}

describe('the char-code readings against the regular expressions they replaced', () => {
  const random = randomSource(20_261_130);
  /** Inputs on which `typer` and `reference` disagree, each with both readings. */
  const mismatches = (
    inputs: readonly string[],
    typer: (text: string) => CellValue | undefined,
    reference: (text: string) => CellValue | undefined,
  ) =>
    inputs
      .map((input) => [input, typer(input), reference(input) ?? textCell(input)] as const)
      .filter(([, actual, expected]) => JSON.stringify(actual) !== JSON.stringify(expected));

  it('types 100,000 random dates and date-times alike', () => {
    const inputs = Array.from({ length: 100_000 }, () => randomDateText(random));
    const date = cellTyper({ header: 'plannedStartDate', type: 'date' });
    const dateTime = cellTyper({ header: 'creationDate', type: 'datetime' });
    expect(mismatches(inputs, date, (text) => referenceDate(text, false))).toEqual([]);
    expect(mismatches(inputs, dateTime, (text) => referenceDate(text, true))).toEqual([]);
    // Many inputs are dates, so the comparison covers the computed serials, not only refusals.
    const dates = inputs.filter((input) => dateTime(input)?.kind === 'date').length;
    expect(dates).toBeGreaterThan(inputs.length / 3);
  });

  it('types 100,000 random numbers and booleans alike', () => {
    const inputs = Array.from({ length: 100_000 }, () => randomNumberText(random)).filter(
      (input) => input !== '',
    );
    const number = cellTyper({ header: 'cardSize', type: 'int' });
    expect(mismatches(inputs, number, referenceNumber)).toEqual([]);
    expect(inputs.filter((input) => number(input)?.kind === 'number').length).toBeGreaterThan(
      inputs.length / 4,
    );
    const words = ['true', 'TRUE', 'tRuE', 'false', 'FALSE', 'trues', 'fals', '1', '0', '01'];
    const boolean = cellTyper({ header: 'isCardBlocked', type: 'bool' });
    expect(mismatches([...inputs, ...words], boolean, referenceBoolean)).toEqual([]);
  });
});
