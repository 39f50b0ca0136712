import { createReportingClient } from './api/reportingClient';
import { LeanKitError } from './errors';
import { boardListItem } from './storage/items';

/** A board the user can pick to narrow an export. */
export interface BoardOption {
  id: string;
  title: string;
}

function unreadableBoardList(): LeanKitError {
  return new LeanKitError('server', 'LeanKit sent a board list this extension cannot read.');
}

/** The `boards` report (JSON rows of `boardId`, `boardTitle`) → options sorted by title. */
export function boardOptionsFromRows(rows: unknown): BoardOption[] {
  if (!Array.isArray(rows)) throw unreadableBoardList();
  const byId = new Map<string, BoardOption>();
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const { boardId, boardTitle } = row as { boardId?: unknown; boardTitle?: unknown };
    const id = typeof boardId === 'number' ? String(boardId) : boardId;
    if (typeof id !== 'string' || !/^\d+$/.test(id)) continue;
    const title =
      typeof boardTitle === 'string' && boardTitle.trim() !== ''
        ? boardTitle.trim()
        : `Board ${id}`;
    byId.set(id, { id, title });
  }
  return [...byId.values()].sort(
    (a, b) => TITLE_ORDER.compare(a.title, b.title) || a.id.localeCompare(b.id),
  );
}

/** Case-blind, and numbers by value: "Support 2" before "Support 10". */
const TITLE_ORDER = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Boards whose title (or id) contains every word of `query`, ignoring case. */
export function filterBoards(boards: readonly BoardOption[], query: string): BoardOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return boards.filter((board) => {
    const text = `${board.title} ${board.id}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/**
 * Boards per request, as LeanKit's own connector asks for them: its board list once stopped at
 * 1000 boards until it learned to page (docs/reporting-api.md §5.13, §9).
 */
export const BOARD_PAGE_SIZE = 1000;

/** The board list for the signed-in account, from the cache or from LeanKit, page by page. */
export async function loadBoardList({
  fetch,
  origin,
  token,
  pageSize = BOARD_PAGE_SIZE,
}: {
  fetch: typeof globalThis.fetch;
  origin: string;
  token: string;
  pageSize?: number;
}): Promise<BoardOption[]> {
  const cached = await boardListItem.getValue();
  if (cached?.origin === origin) return cached.boards;
  const client = createReportingClient({ fetch, origin });
  const rows: unknown[] = [];
  // A page shorter than asked for is the last one.
  for (let offset = 0; ; offset += pageSize) {
    const response = await client.openExport(token, {
      reportId: 'boards',
      format: 'json',
      boardIds: [],
      page: { offset, limit: pageSize },
    });
    const page: unknown = await response.json().catch(() => undefined);
    if (!Array.isArray(page)) throw unreadableBoardList();
    rows.push(...page);
    if (page.length < pageSize) break;
  }
  const boards = boardOptionsFromRows(rows);
  await boardListItem.setValue({ origin, boards });
  return boards;
}
