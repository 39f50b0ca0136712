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
