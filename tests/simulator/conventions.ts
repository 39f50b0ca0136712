/**
 * How the simulator reads what reporting-api.md §10 leaves unknown. Each reading is a switch
 * (SimulatorOptions), so the extension can be tested against every plausible real behaviour.
 */
import type { Report } from '../../lib/reports';

export interface Conventions {
  /** CSV/TAB header row: column ids (`cardId`, default) or the reference's labels (`Card ID`). */
  readonly columnHeaders: 'ids' | 'labels';
  /** CSV quoting when `quotedString` is absent: every field (default) or only where needed. */
  readonly quoteAll: boolean;
  /** The auth answer's `expires`: ISO-8601 UTC (default), epoch seconds (a number), or left out. */
  readonly authExpires: 'iso' | 'epoch-seconds' | 'absent';
  /** CSV/TAB spelling of booleans: `true`/`false` (default), `True`/`False`, or `1`/`0`. */
  readonly booleans: 'lowercase' | 'capitalized' | 'numeric';
  /** Send `Content-Disposition: attachment; filename="<report>.<ext>"` on exports (default off). */
  readonly contentDisposition: boolean;
}

export const DEFAULT_CONVENTIONS: Conventions = {
  columnHeaders: 'ids',
  quoteAll: true,
  authExpires: 'iso',
  booleans: 'lowercase',
  contentDisposition: false,
};

/** Labels in the reference (§5) that do not follow from the column id. */
const LABEL_EXCEPTIONS: Readonly<Record<string, string>> = {
  wipLimit: 'WIP Limit',
  'customfields.currentBoardId': 'Board ID',
};

/**
 * A column's friendly label as LeanKit's Tableau connector shows it (§5): the id's words in title
 * case, with `Id` written `ID` (`cardId` → `Card ID`, `cardExternalLinkUrl` → `Card External Link Url`).
 */
export function columnLabel(report: Report, columnId: string): string {
  const exception = LABEL_EXCEPTIONS[`${report.id}.${columnId}`] ?? LABEL_EXCEPTIONS[columnId];
  if (exception) return exception;
  return columnId
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word) => (word === 'Id' ? 'ID' : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
    .join(' ');
}
