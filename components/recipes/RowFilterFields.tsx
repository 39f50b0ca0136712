import { columnLabel } from '@/lib/columnGuide';
import {
  chosenLaneIds,
  type RecipeDraft,
  reportFilters,
  withLane,
} from '@/lib/recipes/recipeDraft';
import type { Report } from '@/lib/reports';
import { LanePicker } from './LanePicker';
import type { LaneLookup } from './useBoardLanes';

const ARCHIVED_CHOICES: [RecipeDraft['archived'], string][] = [
  ['include', 'Include'],
  ['exclude', 'Leave out'],
  ['only', 'Only archived cards'],
];

/** The row filters the report has columns for, and nothing for those it has not. */
export function RowFilterFields({
  report,
  draft,
  lanes,
  disabled,
  onChange,
}: {
  report: Report;
  draft: RecipeDraft;
  /** The lanes of the chosen boards, for the lane picker. */
  lanes: LaneLookup;
  disabled: boolean;
  onChange: (change: Partial<RecipeDraft>) => void;
}) {
  const available = reportFilters(report);
  const any =
    available.dateColumns.length > 0 ||
    available.changedSinceLastExport ||
    available.archived ||
    available.lanes ||
    available.cardTypes;
  return (
    <fieldset class="filters" disabled={disabled}>
      <legend>Rows</legend>
      {!any && <p class="hint-inline">The {report.label} report has no columns to filter by.</p>}
      {available.dateColumns.length > 0 && (
        <div class="date-range">
          <label>
            <span>Date range on</span>
            <select
              value={draft.dateColumn}
              onChange={(event) => onChange({ dateColumn: event.currentTarget.value })}
            >
              <option value="">No date filter</option>
              {available.dateColumns.map((column) => (
                <option key={column.id} value={column.id}>
                  {columnLabel(column.id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>From</span>
            <input
              type="date"
              value={draft.dateFrom}
              disabled={!draft.dateColumn}
              onInput={(event) => onChange({ dateFrom: event.currentTarget.value })}
            />
          </label>
          <label>
            <span>To</span>
            <input
              type="date"
              value={draft.dateTo}
              disabled={!draft.dateColumn}
              onInput={(event) => onChange({ dateTo: event.currentTarget.value })}
            />
          </label>
        </div>
      )}
      {available.changedSinceLastExport && (
        <div class="check-field">
          <label class="check">
            <input
              type="checkbox"
              checked={draft.changedSinceLastExport}
              aria-describedby="changed-since-hint"
              onChange={(event) =>
                onChange({ changedSinceLastExport: event.currentTarget.checked })
              }
            />
            <span>Only cards changed since my last export with this preset</span>
          </label>
          <span id="changed-since-hint" class="hint-inline">
            By last activity. The first export with the preset has every card.
          </span>
        </div>
      )}
      {available.archived && (
        <fieldset class="row-field archived">
          <legend>Archived cards</legend>
          <div class="choices">
            {ARCHIVED_CHOICES.map(([value, label]) => (
              <label key={value} class="choice">
                <input
                  type="radio"
                  name="archived"
                  checked={draft.archived === value}
                  onChange={() => onChange({ archived: value })}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {available.lanes && (
        <>
          <LanePicker
            lookup={lanes}
            chosen={chosenLaneIds(draft)}
            onToggle={(laneId, chosen) => onChange({ laneIds: withLane(draft, laneId, chosen) })}
          />
          <div class="id-field">
            <label for="lane-ids">Lane IDs</label>
            <input
              id="lane-ids"
              type="text"
              value={draft.laneIds}
              aria-describedby="lane-ids-hint"
              onInput={(event) => onChange({ laneIds: event.currentTarget.value })}
            />
            <span id="lane-ids-hint" class="hint-inline">
              The lanes ticked above, and any typed here, separated by commas. Empty for every lane.
            </span>
          </div>
        </>
      )}
      {available.cardTypes && (
        <div class="id-field">
          <label for="card-types">Card types</label>
          <input
            id="card-types"
            type="text"
            value={draft.cardTypes}
            aria-describedby="card-types-hint"
            onInput={(event) => onChange({ cardTypes: event.currentTarget.value })}
          />
          <span id="card-types-hint" class="hint-inline">
            Names as on the board (Defect, User Story) or IDs, separated by commas. Empty for every
            card type.
          </span>
        </div>
      )}
    </fieldset>
  );
}
