import { useSignal } from '@preact/signals';
import { filterLanes, type LaneOption, lanesByBoard } from '@/lib/recipes/laneOptions';
import type { LaneLookup } from './useBoardLanes';

/** Past this many lanes, a search box narrows the list. */
export const LANE_SEARCH_FROM = 12;

/**
 * The lanes of the chosen boards as a group of checkboxes named "Lanes", one group per board when
 * there are several. What is ticked is written into the lane ID field beside it, which stays for
 * all boards, for lanes the list cannot show, and for when the list cannot be had.
 */
export function LanePicker({
  lookup,
  chosen,
  onToggle,
}: {
  lookup: LaneLookup;
  chosen: readonly string[];
  onToggle: (laneId: string, chosen: boolean) => void;
}) {
  const query = useSignal('');
  return (
    <fieldset class="row-field lanes">
      <legend>Lanes</legend>
      {lookup.state === 'no-boards' && (
        <p class="hint-inline">
          Choose boards above to pick their lanes here. For all boards, type lane IDs below.
        </p>
      )}
      {lookup.state === 'loading' && <p class="hint-inline">Loading the boards’ lanes…</p>}
      {lookup.state === 'failed' && (
        <p class="error" role="alert">
          The lanes could not be listed: {lookup.message} Lane IDs typed below still work.
        </p>
      )}
      {lookup.state === 'ready' &&
        (lookup.lanes.length === 0 ? (
          <p class="hint-inline">These boards have no lanes that hold cards.</p>
        ) : (
          <LaneList
            lanes={lookup.lanes}
            chosen={chosen}
            onToggle={onToggle}
            query={query.value}
            onQuery={(text) => {
              query.value = text;
            }}
          />
        ))}
    </fieldset>
  );
}

function LaneList({
  lanes,
  chosen,
  onToggle,
  query,
  onQuery,
}: {
  lanes: readonly LaneOption[];
  chosen: readonly string[];
  onToggle: (laneId: string, chosen: boolean) => void;
  query: string;
  onQuery: (text: string) => void;
}) {
  const boards = lanesByBoard(filterLanes(lanes, query));
  const several = new Set(lanes.map((lane) => lane.boardId)).size > 1;
  const elsewhere = chosen.filter((id) => !lanes.some((lane) => lane.id === id));
  const boxes = (shown: readonly LaneOption[]) => (
    <ul class="lane-options">
      {shown.map((lane) => (
        <li key={lane.id}>
          <label class="choice">
            <input
              type="checkbox"
              checked={chosen.includes(lane.id)}
              onChange={(event) => onToggle(lane.id, event.currentTarget.checked)}
            />
            {lane.title}
          </label>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {lanes.length >= LANE_SEARCH_FROM && (
        <input
          type="search"
          class="lane-search"
          aria-label="Find a lane"
          placeholder="Find a lane"
          value={query}
          onInput={(event) => onQuery(event.currentTarget.value)}
        />
      )}
      {boards.length === 0 && <p class="hint-inline">No lane matches “{query}”.</p>}
      {several
        ? boards.map((board) => (
            <fieldset key={board.boardId} class="row-field lane-board">
              <legend>{board.boardTitle}</legend>
              {boxes(board.lanes)}
            </fieldset>
          ))
        : boards.length > 0 && boxes(boards.flatMap((board) => board.lanes))}
      {elsewhere.length > 0 && (
        <p class="hint-inline">
          Not lanes of the chosen boards: {elsewhere.join(', ')}. Their cards are not in this
          export.
        </p>
      )}
    </>
  );
}
