import { createReportingClient } from './api/reportingClient';
import type { BoardList, BoardOption } from './boardOptions';
import { LeanKitError } from './errors';
import { StallGuard } from './jobs/stallGuard';
import { readStallTimeoutMs } from './jobs/stallTimeout';
import { boardListItem } from './storage/items';

function unreadableBoardList(): LeanKitError {
  return new LeanKitError('server', 'LeanKit sent a board list this extension cannot read.');
}

/** The `boards` report (JSON rows of `boardId`, `boardTitle`) → options sorted by title. */
export function boardOptionsFromRows(rows: unknown): BoardOption[] {
  if (!Array.isArray(rows)) throw unreadableBoardList();
  const byId = new Map<string, BoardOption>();
  addBoardRows(byId, rows);
  return sortedBoards(byId);
}

/** Adds the boards of report rows to `byId`, skipping rows it cannot use; a later row wins. */
function addBoardRows(byId: Map<string, BoardOption>, rows: readonly unknown[]): void {
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
}

function sortedBoards(byId: ReadonlyMap<string, BoardOption>): BoardOption[] {
  return [...byId.values()].sort(
    (a, b) => TITLE_ORDER.compare(a.title, b.title) || a.id.localeCompare(b.id),
  );
}

/** Case-blind, and numbers by value: "Support 2" before "Support 10". */
const TITLE_ORDER = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Boards per request, as LeanKit's own connector asks for them: its board list once stopped at
 * 1000 boards until it learned to page (docs/reporting-api.md §5.13, §9).
 */
export const BOARD_PAGE_SIZE = 1000;

/**
 * Pages asked for at most (50,000 boards in pages of 1000, far beyond any account seen), so a
 * server that never sends a short last page cannot keep the list loading, and growing, forever.
 */
export const MAX_BOARD_PAGES = 50;

/**
 * The board list for the signed-in account, from the cache or from LeanKit, page by page. A page
 * shorter than asked for is the last one. A full page without a single new board means LeanKit is
 * not moving through the list (e.g. it ignores `offset` and sends the first page again): asking on
 * would never end, so the list stops there, incomplete, as it does after MAX_BOARD_PAGES. Only a
 * complete list is cached; an incomplete one is asked for again next time. A page that does not
 * arrive within the stall time fails the list with the timeout error, rather than load forever.
 */
export async function loadBoardList({
  fetch,
  origin,
  token,
  pageSize = BOARD_PAGE_SIZE,
  maxPages = MAX_BOARD_PAGES,
  stallTimeoutMs,
}: {
  fetch: typeof globalThis.fetch;
  origin: string;
  token: string;
  pageSize?: number;
  maxPages?: number;
  stallTimeoutMs?: number;
}): Promise<BoardList> {
  const cached = await boardListItem.getValue();
  if (cached?.origin === origin) return { boards: cached.boards, complete: true };
  const client = createReportingClient({ fetch, origin });
  const stall = new StallGuard(stallTimeoutMs ?? (await readStallTimeoutMs()), client.host);
  const byId = new Map<string, BoardOption>();
  let complete = false;
  for (let pageIndex = 0; pageIndex < maxPages; pageIndex++) {
    const request = {
      reportId: 'boards',
      format: 'json',
      boardIds: [],
      page: { offset: pageIndex * pageSize, limit: pageSize },
    } as const;
    const response = await stall.race(client.openExport(token, request, stall.signal));
    const page: unknown = await stall.race(response.json().catch(() => undefined));
    if (!Array.isArray(page)) throw unreadableBoardList();
    const known = byId.size;
    addBoardRows(byId, page);
    if (page.length < pageSize) {
      complete = true;
      break;
    }
    if (byId.size === known) break;
  }
  const boards = sortedBoards(byId);
  if (complete) await boardListItem.setValue({ origin, boards });
  return { boards, complete };
}
