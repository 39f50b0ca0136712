// The lane picker's side of a board's lanes: what a lane option is and how the picker narrows and
// groups them. Apart from lib/recipes/boardLanes.ts, which loads them through the API client, so
// that the editor page does not bring the client into its bundle.

/** A lane a card can sit in, as the lane picker lists it. */
export interface LaneOption {
  id: string;
  /** The lane's full title (its parents' titles, then its own), or its title. */
  title: string;
  boardId: string;
  boardTitle: string;
}

/** The lanes of one board, in the order LeanKit served them. */
export interface BoardLanes {
  boardId: string;
  boardTitle: string;
  lanes: LaneOption[];
}

/** Lanes whose title, board title or id contains every word of `query`, ignoring case. */
export function filterLanes(lanes: readonly LaneOption[], query: string): LaneOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return lanes.filter((lane) => {
    const text = `${lane.title} ${lane.boardTitle} ${lane.id}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** The lanes by board, boards in the order their first lane comes. */
export function lanesByBoard(lanes: readonly LaneOption[]): BoardLanes[] {
  const boards = new Map<string, BoardLanes>();
  for (const lane of lanes) {
    const board = boards.get(lane.boardId) ?? {
      boardId: lane.boardId,
      boardTitle: lane.boardTitle,
      lanes: [],
    };
    board.lanes.push(lane);
    boards.set(lane.boardId, board);
  }
  return [...boards.values()];
}
