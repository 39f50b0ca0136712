import { describe, expect, it } from 'vitest';
import { findReport, type Report } from '../../reports';
import { hasDataRows, mightBeEmpty } from '../emptyExport';

describe('hasDataRows', () => {
  it.each([
    ['cardId,title\n', 'csv', false],
    ['cardId,title\r\n', 'csv', false],
    ['cardId\ttitle', 'tab', false],
    ['cardId,title\n1,Fix it\n', 'csv', true],
    ['cardId\ttitle\r\n1\tFix it', 'tab', true],
    ['[]', 'json', false],
    [' [ ]\n', 'json', false],
    ['\uFEFF[]', 'json', false],
    ['[{"cardId":"1"}]', 'json', true],
  ] as const)('%j as %s → %s', (text, format, expected) => {
    expect(hasDataRows(text, format)).toBe(expected);
  });
});

describe('mightBeEmpty', () => {
  const cards = findReport('cards') as Report;
  const header = cards.columns.map((column) => column.id).join(',');

  it('checks a CSV no bigger than a header row, not one with a row of data', () => {
    expect(mightBeEmpty(Buffer.byteLength(`${header}\r\n`), 'csv', cards)).toBe(true);
    const quotedLabels = cards.columns.map((column) => `"${column.id} x"`).join(',');
    expect(mightBeEmpty(Buffer.byteLength(`${quotedLabels}\r\n`), 'tab', cards)).toBe(true);
    expect(mightBeEmpty(Buffer.byteLength(`${header}\n`) * 3, 'csv', cards)).toBe(false);
  });

  it('checks a JSON file as small as an empty array, not more', () => {
    expect(mightBeEmpty(2, 'json', cards)).toBe(true);
    expect(mightBeEmpty(200, 'json', cards)).toBe(false);
  });
});
