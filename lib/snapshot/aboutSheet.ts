import type { SheetColumn } from '../xlsx/sheetXml';

/** What the About sheet says of the snapshot: whose, which boards, when. */
export interface SnapshotFacts {
  accountName: string;
  /** `https://acme.leankit.com` */
  origin: string;
  /** The boards, with their titles when the board list knew them. */
  boards: readonly { id: string; title?: string }[];
  /** When the snapshot started (ms since the epoch). */
  startedAt: number;
}

/** A report's line on the About sheet: its sheet (or file) and the rows it holds. */
export interface SnapshotCount {
  sheetName: string;
  fileName: string;
  description: string;
  rows: number;
}

/** The reports LeanKit's Advanced Reporting serves are refreshed on its schedule, not live. */
export const REPORTING_LAG_NOTE =
  'Reporting data can lag up to 24 hours behind the boards: a change made today may not be in this snapshot yet.';

export const ABOUT_COLUMNS: readonly SheetColumn[] = [
  { header: 'Item', type: 'string' },
  { header: 'Value', type: 'string' },
  { header: 'Rows', type: 'int' },
];

/**
 * The About sheet's rows, as cells of ABOUT_COLUMNS: account, boards, when, the reporting lag, then
 * a line per report with its row count. `where` names each report's place: its sheet in the
 * workbook, its file in the zip.
 */
export function aboutRows(
  facts: SnapshotFacts,
  counts: readonly SnapshotCount[],
  where: 'sheetName' | 'fileName',
): string[][] {
  const boards =
    facts.boards.length === 0
      ? 'All boards'
      : facts.boards
          .map((board) => (board.title ? `${board.title} (${board.id})` : board.id))
          .join('; ');
  return [
    ['Account', `${facts.accountName} (${facts.origin})`, ''],
    [facts.boards.length === 1 ? 'Board' : 'Boards', boards, ''],
    ['Exported at (UTC)', new Date(facts.startedAt).toISOString(), ''],
    ['Note', REPORTING_LAG_NOTE, ''],
    ...counts.map((count) => [count[where], count.description, String(count.rows)]),
  ];
}
