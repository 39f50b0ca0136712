import type { ColumnType } from '../reports';

/**
 * CSV formula injection (OWASP "CSV Injection"): spreadsheets run a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return. Known bypasses of naive guards put spaces (or no-break
 * spaces) before the trigger, or the trigger at the start of a later line inside a multi-line cell;
 * we look for all three.
 */
const TRIGGER = /(?:^|\n)[ \u00a0]*[=+\-@\t\r]/;

/** Whether a spreadsheet might run this text cell as a formula. */
export function looksLikeFormula(value: string): boolean {
  return TRIGGER.test(value);
}

/**
 * Whether a cell starting with this character code could be a formula by itself (a trigger, or
 * the spaces that may stand before one). A cell that does not, and holds no line feed, never is:
 * the cheap test that spares the pattern for nearly every cell of a big export.
 */
export function mayStartFormula(code: number): boolean {
  return (
    code === 61 || // =
    code === 43 || // +
    code === 45 || // -
    code === 64 || // @
    code === 9 ||
    code === 13 ||
    code === 32 ||
    code === 0xa0
  );
}

/**
 * The cell as inert text: OWASP's fix, a leading single quote, which spreadsheets take as "this
 * is text" and do not show. Other cells come back unchanged.
 */
export function guardCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/**
 * What a value of each typed column looks like as LeanKit writes it (docs/reporting-api.md §4.4):
 * whole numbers, `YYYY-MM-DD` dates, date-times with up to 7 fractional digits (a `T` or a zone
 * is accepted too), and booleans in any spelling seen (`true`, `True`, `1`). Whole matches only.
 */
const TYPED_VALUE: Readonly<Record<Exclude<ColumnType, 'string'>, RegExp>> = {
  int: /^-?\d+$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  datetime: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?$/,
  bool: /^(?:true|false|0|1)$/i,
};

/**
 * A cell of a column of this type, safe for a spreadsheet. A number, date or boolean that is
 * really one is kept as it is (so `-5` stays a number); anything else in a typed column, e.g.
 * `-2+3` or `=HYPERLINK(…)` from a server that does not keep to the column's type, is guarded
 * like text.
 */
export function guardTypedCell(value: string, type: ColumnType): string {
  if (!mayStartFormula(value.charCodeAt(0)) && !value.includes('\n')) return value;
  return type !== 'string' && TYPED_VALUE[type].test(value) ? value : guardCell(value);
}
