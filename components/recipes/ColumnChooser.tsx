import { useEffect, useRef } from 'preact/hooks';
import { columnDescription, columnLabel } from '@/lib/columnGuide';
import { type ColumnChoice, moveColumn } from '@/lib/recipes/recipeDraft';
import type { ColumnType, Report } from '@/lib/reports';

const TYPE_WORDS: Record<ColumnType, string> = {
  string: 'Text',
  int: 'Whole number',
  bool: 'Yes or no',
  date: 'Date',
  datetime: 'Date and time',
};

/**
 * The "Columns" group: a checkbox per column, named by the column, with its type and one line
 * about it; select all or none; "Move … up/down" buttons to reorder. The list is the order of the
 * file. After a move, focus stays on the moved column's button; at an end that button is marked
 * disabled but keeps focus, so pressing it again does nothing rather than move the column back.
 */
export function ColumnChooser({
  report,
  columns,
  disabled,
  onChange,
}: {
  report: Report;
  columns: readonly ColumnChoice[];
  disabled: boolean;
  onChange: (columns: ColumnChoice[]) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const moved = useRef<{ id: string; step: -1 | 1 } | null>(null);

  useEffect(() => {
    const last = moved.current;
    if (!last) return;
    moved.current = null;
    list.current
      ?.querySelector<HTMLButtonElement>(
        `button[data-column="${CSS.escape(last.id)}"][data-step="${last.step}"]`,
      )
      ?.focus();
  }, [columns]);

  const chosen = columns.filter((column) => column.chosen).length;
  const setAll = (on: boolean) => onChange(columns.map((column) => ({ ...column, chosen: on })));
  return (
    <fieldset class="columns" disabled={disabled} aria-describedby="columns-count">
      <legend>Columns</legend>
      <div class="column-actions">
        <p id="columns-count" class="hint-inline">
          {chosen} of {columns.length} columns, written in this order.
        </p>
        <button type="button" class="link" onClick={() => setAll(true)}>
          Select all
        </button>
        <button type="button" class="link" onClick={() => setAll(false)}>
          Select none
        </button>
      </div>
      {chosen === 0 && (
        <p class="error" id="columns-none">
          Choose at least one column.
        </p>
      )}
      <ol class="column-list" ref={list}>
        {columns.map((column, index) => {
          const label = columnLabel(column.id);
          const type = report.columns.find((known) => known.id === column.id)?.type;
          const about = type
            ? [TYPE_WORDS[type], columnDescription(report.id, column.id)]
                .filter(Boolean)
                .join(' · ')
            : 'LeanKit no longer lists this column; an export says so when it is missing.';
          const move = (step: -1 | 1) => {
            const target = index + step;
            if (target < 0 || target >= columns.length) return;
            moved.current = { id: column.id, step };
            onChange(moveColumn(columns, index, step));
          };
          return (
            <li key={column.id} class={column.chosen ? 'column' : 'column unchosen'}>
              <label class="choice">
                <input
                  type="checkbox"
                  checked={column.chosen}
                  aria-describedby={`about-${column.id}`}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    onChange(columns.map((c) => (c.id === column.id ? { ...c, chosen: on } : c)));
                  }}
                />
                {label}
              </label>
              <span class="column-about" id={`about-${column.id}`}>
                <code>{column.id}</code> · {about}
              </span>
              <span class="column-moves">
                <button
                  type="button"
                  data-column={column.id}
                  data-step="-1"
                  aria-label={`Move ${label} up`}
                  title={`Move ${label} up`}
                  aria-disabled={index === 0 ? 'true' : undefined}
                  onClick={() => move(-1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  data-column={column.id}
                  data-step="1"
                  aria-label={`Move ${label} down`}
                  title={`Move ${label} down`}
                  aria-disabled={index === columns.length - 1 ? 'true' : undefined}
                  onClick={() => move(1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
