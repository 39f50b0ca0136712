import { guardCell } from '../csv/formulaGuard';
import type { DataTable } from './chartTables';

/**
 * A chart's table as CSV (RFC 4180, CRLF line ends): quoted where a cell needs it, and text made
 * inert where a spreadsheet would run it as a formula (a card titled `=SUM(...)`); numbers as
 * they are.
 */
export function tableCsv(table: DataTable): string {
  const cell = (value: string | number) => {
    if (typeof value === 'number') return String(value);
    const text = guardCell(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [table.headers, ...table.rows].map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}
