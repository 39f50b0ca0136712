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
