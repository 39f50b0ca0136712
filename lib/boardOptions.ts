// The board picker's side of the board list: what a board option is and how the picker narrows and
// explains the list. Apart from lib/boardList.ts, which loads the list, so that the popup's bundle
// does not bring in the API client.

/** A board the user can pick to narrow an export. */
export interface BoardOption {
  id: string;
  title: string;
}

/**
 * The board list as far as LeanKit sent it. `complete` is false when its pages stopped bringing
 * new boards, or did not end within MAX_BOARD_PAGES: then only the boards received are listed.
 */
export interface BoardList {
  boards: BoardOption[];
  complete: boolean;
}

/** Boards whose title (or id) contains every word of `query`, ignoring case. */
export function filterBoards(boards: readonly BoardOption[], query: string): BoardOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return boards.filter((board) => {
    const text = `${board.title} ${board.id}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** What the board picker says when the list is incomplete, and what still works. */
export function incompleteBoardListText(count: number): string {
  return `LeanKit sent only part of the board list (${count.toLocaleString('en-US')} boards listed here). An export of All boards still includes every board.`;
}
