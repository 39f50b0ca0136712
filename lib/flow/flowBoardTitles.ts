import type { BoardList } from '../boardOptions';
import { type Result, sendMessage } from '../messaging';

/**
 * Boards' titles for the Flow charts page, from the board list the background keeps for the
 * popup's board picker (lib/boardList.ts): id → title. Empty when the list cannot be had; the page
 * then names boards by id.
 */
export function boardTitlesOf(list: Result<BoardList>): ReadonlyMap<string, string> {
  return new Map(list.ok ? list.value.boards.map((board) => [board.id, board.title]) : []);
}

/** Asks the background for the board list (cached for the session after its first load). */
export async function loadFlowBoardTitles(): Promise<ReadonlyMap<string, string>> {
  return boardTitlesOf(await sendMessage('listBoards'));
}

/** Letters (any script) and digits of a title, lower case, dashes between, at most 40 characters. */
function titlePart(title: string): string {
  return title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/**
 * The stem of a file saved from the Flow charts page, named by its board's title where known
 * (`flow-team-alpha-cycle-time-2026-11-30`), else by its id (`flow-board101-…`). No separator or
 * dot of the title gets in, so the name stays a plain file name on every system.
 */
export function flowFileStem(
  board: { id: string; title?: string },
  chart: string,
  day: string,
): string {
  const part = board.title === undefined ? '' : titlePart(board.title);
  return `flow-${part === '' ? `board${board.id}` : part}-${chart}-${day}`;
}
