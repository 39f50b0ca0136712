import { describe, expect, it } from 'vitest';
import { guardCell } from '../formulaGuard';

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
