import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { type BoardOption, filterBoards, incompleteBoardListText } from '@/lib/boardOptions';

/** More checkboxes than anyone scrolls through; past this, the search narrows the list. */
export const MAX_LISTED_BOARDS = 100;

/**
 * "All boards", or the boards picked from a searchable list. The list opens below the chosen
 * boards on request, so nothing moves under the pointer unasked.
 */
export function BoardPicker({
  boards,
  loadError,
  complete,
  selected,
  onChange,
  open,
  onOpenChange,
}: {
  /** Undefined while the list loads. */
  boards: readonly BoardOption[] | undefined;
  loadError: string | null;
  /** False when LeanKit sent only part of the list: the picker says so. */
  complete: boolean;
  selected: readonly string[];
  onChange: (boardIds: string[]) => void;
  /** Whether the list is open; the popup closes it when an export starts. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const query = useSignal('');
  const chooseButton = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const titleOf = (id: string) => boards?.find((board) => board.id === id)?.title ?? `Board ${id}`;

  function toggle(id: string, on: boolean) {
    onChange(on ? [...selected, id] : selected.filter((other) => other !== id));
  }

  const matching = boards ? filterBoards(boards, query.value) : [];
  const shown = matching.slice(0, MAX_LISTED_BOARDS);
  return (
    <fieldset class="row-field boards">
      <legend>Boards</legend>
      <div class="chips">
        {selected.length === 0 && <span class="all-boards">All boards</span>}
        {selected.map((id) => (
          <span key={id} class="chip">
            {titleOf(id)}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove ${titleOf(id)}`}
              onClick={() => {
                // The chip goes away with its button.
                chooseButton.current?.focus();
                toggle(id, false);
              }}
            >
              ×
            </button>
          </span>
        ))}
        <button
          ref={chooseButton}
          type="button"
          class="link"
          aria-expanded={open}
          aria-controls="board-menu"
          onClick={() => onOpenChange(!open)}
        >
          {open ? 'Done' : 'Choose boards'}
        </button>
      </div>
      {open && (
        <div id="board-menu" class="board-menu">
          <div class="board-search">
            <input
              ref={search}
              type="search"
              aria-label="Find a board"
              placeholder="Find a board"
              value={query.value}
              onInput={(e) => {
                query.value = e.currentTarget.value;
              }}
            />
            {selected.length > 0 && (
              <button
                type="button"
                class="link"
                onClick={() => {
                  search.current?.focus();
                  onChange([]);
                }}
              >
                Clear all
              </button>
            )}
          </div>
          {boards && !complete && (
            // Before the list and its "no match" line alike: a board not found may be one not sent.
            <p class="hint" role="status">
              {incompleteBoardListText(boards.length)}
            </p>
          )}
          {loadError ? (
            <p class="error" role="alert">
              {loadError}
            </p>
          ) : boards === undefined ? (
            <p class="hint">Loading boards…</p>
          ) : shown.length === 0 ? (
            <p class="hint">No board matches “{query.value}”.</p>
          ) : (
            <>
              {matching.length > shown.length && (
                <p class="hint">
                  Showing {shown.length} of {matching.length.toLocaleString('en-US')} boards. Type
                  to find the others.
                </p>
              )}
              <ul class="board-options" aria-label="Boards to export">
                {shown.map((board) => (
                  <li key={board.id}>
                    <label class="choice">
                      <input
                        type="checkbox"
                        checked={selected.includes(board.id)}
                        onChange={(e) => toggle(board.id, e.currentTarget.checked)}
                      />
                      {board.title}
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}
