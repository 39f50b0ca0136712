import { describe, expect, it } from 'vitest';
import { spreadsheetSafetyHint } from '../spreadsheetSafety';

describe('spreadsheetSafetyHint', () => {
  it('with Excel-friendly files on, names CSV, TAB and XLSX as safe, and JSON as not for spreadsheets', () => {
    const hint = spreadsheetSafetyHint(true);
    expect(hint).toMatch(/^CSV and TAB are safe to open in Excel/);
    expect(hint).toContain('XLSX is always safe: no cell is ever a formula.');
    expect(hint).toContain('JSON is for other programs.');
  });

  it('with it off, says the risk, the setting that removes it, and XLSX as safe', () => {
    const hint = spreadsheetSafetyHint(false);
    expect(hint).not.toContain('are safe to open');
    expect(hint).toContain('could run as a formula');
    expect(hint).toContain('Turn on Excel-friendly CSV and TAB in Options');
    expect(hint).toContain('or choose XLSX: no cell is ever a formula.');
    expect(hint).toContain('JSON is for other programs.');
  });
});
