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
 * The cell as inert text: OWASP's fix, a leading single quote, which spreadsheets take as "this
 * is text" and do not show. Other cells come back unchanged.
 */
export function guardCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
