/**
 * Columns LeanKit adds to a report after our catalogue (issue 13: they must still export, after
 * the known ones): a test adds one anywhere in a report's columns, and every export of that
 * report, in every format, has it there with a value in every row (a JSON object gets the key, in
 * the same place). Its values are text, some of which a spreadsheet would run as a formula, and
 * some empty.
 */
import { type Column, findReport, type Report } from '../../lib/reports';
import type { CellValue, Row } from './rows';

export interface ExtraColumn {
  /** The report's id in lib/reports.ts, e.g. `cards`. */
  readonly report: string;
  /** The column's id: its JSON key and CSV/TAB header (under `columnHeaders: 'labels'`, its label). */
  readonly name: string;
  /** The column it comes right after (one of the report's, or one added before); absent: last. */
  readonly after?: string;
}

/** The extra columns added so far, per report id, in their order in the row. */
export class ExtraColumns {
  private readonly byReport = new Map<string, Column[]>();

  /** Adds a column, or says what is wrong with it (nothing is added then). */
  add(column: ExtraColumn): string | undefined {
    const problem = this.problem(column);
    if (problem) return problem;
    const report = findReport(column.report) as Report;
    const columns = this.byReport.get(report.id) ?? [...report.columns];
    const at =
      column.after === undefined
        ? columns.length
        : columns.findIndex((c) => c.id === column.after) + 1;
    columns.splice(at, 0, { id: column.name, type: 'string' });
    this.byReport.set(report.id, columns);
    return undefined;
  }

  clear(): void {
    this.byReport.clear();
  }

  /** The report's columns with the extra ones in place, or undefined when none was added. */
  of(report: Report): readonly Column[] | undefined {
    return this.byReport.get(report.id);
  }

  /** What is wrong with a column (any JSON object posted to the admin endpoint), or undefined. */
  private problem(column: ExtraColumn): string | undefined {
    const report = typeof column.report === 'string' ? findReport(column.report) : undefined;
    if (!report) return 'report must be the id of a report, e.g. "cards"';
    if (typeof column.name !== 'string' || column.name === '') return 'name must be a column name';
    const columns = this.byReport.get(report.id) ?? report.columns;
    if (columns.some((c) => c.id === column.name)) {
      return `The ${report.id} report already has a column "${column.name}"`;
    }
    if (column.after !== undefined && !columns.some((c) => c.id === column.after)) {
      return `after must be a column of the ${report.id} report`;
    }
    return undefined;
  }
}

/** An extra column's cell in each row: the same for a row whatever the page or the format. */
const VALUES: readonly CellValue[] = [
  'healthy',
  'at risk',
  '=needs review',
  null,
  'late, "very"',
  '-1 day',
  'waiting\r\non review',
];

/**
 * The rows with a value in each extra column of `columns`, chosen from the row's first cell (an
 * id in every report) and the column's name, so a row keeps its value from page to page.
 */
export function* withExtraValues(
  rows: Iterable<Row>,
  report: Report,
  columns: readonly Column[],
): Generator<Row> {
  const known = new Set(report.columns.map((column) => column.id));
  const extra = columns.filter((column) => !known.has(column.id)).map((column) => column.id);
  const first = report.columns[0]?.id ?? '';
  for (const row of rows) {
    const values: Record<string, CellValue> = {};
    for (const name of extra) values[name] = extraValue(String(row[first] ?? ''), name);
    yield { ...row, ...values };
  }
}

function extraValue(rowId: string, name: string): CellValue {
  let hash = 0;
  for (const char of `${name}:${rowId}`) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return VALUES[hash % VALUES.length] ?? null;
}
