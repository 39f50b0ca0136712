/**
 * Which formats are safe to open in a spreadsheet, in the words the popup and the board button's
 * menu show beside the formats. With the Excel-friendly setting on, CSV and TAB files are guarded
 * (formulaGuard.ts); with it off they hold LeanKit's cells as they are, formulas and all. XLSX is
 * safe either way: its writer never makes a cell a formula (lib/xlsx/cellValues.ts). JSON is not a
 * spreadsheet format.
 */
export function spreadsheetSafetyHint(excelFriendly: boolean): string {
  return excelFriendly
    ? 'CSV and TAB are safe to open in Excel and other spreadsheets: cells that could run as formulas are saved as text. XLSX is always safe: no cell is ever a formula. JSON is for other programs.'
    : 'CSV and TAB are saved as LeanKit sends them: a cell starting with = + - or @ could run as a formula in Excel. Turn on Excel-friendly CSV and TAB in Options to make them safe, or choose XLSX: no cell is ever a formula. JSON is for other programs.';
}
