import type { Card, Lane } from '@/lib/flow/boardHistory';
import { dayOfDate, type FlowSettings } from '@/lib/flow/flowSettings';
import { defaultFinish, defaultStart, laneOrder } from '@/lib/flow/workflow';

/**
 * The workflow settings of one board: start and finish lanes (chosen from the lane tree, the
 * defaults named), the days shown, the card types counted, and whether blocked time counts.
 * Every change is applied at once and remembered for the board by the page.
 */
export function WorkflowSettings({
  idPrefix,
  lanes,
  cards,
  settings,
  onChange,
}: {
  idPrefix: string;
  lanes: readonly Lane[];
  cards: readonly Card[];
  settings: FlowSettings;
  onChange: (settings: FlowSettings) => void;
}) {
  const ordered = laneOrder(lanes);
  const depth = laneDepths(ordered);
  const defaultStartPlace = defaultStart(ordered);
  const start = ordered.findIndex((lane) => lane.id === settings.startLaneId);
  const startPlace = start >= 0 ? start : defaultStartPlace;
  const defaultFinishPlace = defaultFinish(ordered, startPlace);
  const finish = ordered.findIndex((lane) => lane.id === settings.finishLaneId);
  const finishPlace = finish >= 0 ? finish : defaultFinishPlace;
  const types = cardTypes(cards);
  const change = (patch: Partial<FlowSettings>) => {
    const next: Record<string, unknown> = { ...settings, ...patch };
    for (const key of Object.keys(next))
      if (next[key] === undefined || next[key] === '') delete next[key];
    onChange(next as unknown as FlowSettings);
  };
  const laneLabel = (lane: Lane, place: number, defaultPlace: number) =>
    `${'\u00a0\u00a0'.repeat(depth.get(lane.id) ?? 0)}${lane.title || lane.id}${place === defaultPlace ? ' (default)' : ''}`;

  return (
    <form
      class="workflow"
      aria-label="Workflow settings"
      onSubmit={(event) => event.preventDefault()}
    >
      <div class="lanes">
        <div class="field">
          <label for={`${idPrefix}-start`}>Start lane</label>
          <select
            id={`${idPrefix}-start`}
            value={ordered[startPlace]?.id ?? ''}
            onChange={(event) => {
              const id = event.currentTarget.value;
              change({ startLaneId: ordered[defaultStartPlace]?.id === id ? undefined : id });
            }}
          >
            {ordered.map((lane, place) => (
              <option key={lane.id} value={lane.id}>
                {laneLabel(lane, place, defaultStartPlace)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${idPrefix}-finish`}>Finish lane</label>
          <select
            id={`${idPrefix}-finish`}
            value={ordered[finishPlace]?.id ?? ''}
            onChange={(event) => {
              const id = event.currentTarget.value;
              change({ finishLaneId: ordered[defaultFinishPlace]?.id === id ? undefined : id });
            }}
          >
            {ordered.map((lane, place) => (
              <option key={lane.id} value={lane.id}>
                {laneLabel(lane, place, defaultFinishPlace)}
              </option>
            ))}
          </select>
        </div>
        <details class="lane-tree">
          <summary>Show the lane tree</summary>
          <LaneTree lanes={ordered} depth={depth} start={startPlace} finish={finishPlace} />
        </details>
      </div>
      <div class="range">
        <label>
          <span>From</span>
          <input
            type="date"
            value={settings.from ?? ''}
            onChange={(event) => change({ from: validDate(event.currentTarget.value) })}
          />
        </label>
        <label>
          <span>To</span>
          <input
            type="date"
            value={settings.to ?? ''}
            onChange={(event) => change({ to: validDate(event.currentTarget.value) })}
          />
        </label>
        <p class="hint">Empty: from the first finished card, up to today.</p>
      </div>
      {types.length > 0 && (
        <fieldset class="types">
          <legend>Card types</legend>
          {types.map((type) => (
            <label key={type.id} class="check">
              <input
                type="checkbox"
                checked={settings.typeIds.includes(type.id)}
                onChange={(event) =>
                  change({
                    typeIds: event.currentTarget.checked
                      ? [...settings.typeIds, type.id]
                      : settings.typeIds.filter((id) => id !== type.id),
                  })
                }
              />
              {type.name}
            </label>
          ))}
          <p class="hint">None chosen: every type counts.</p>
        </fieldset>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={settings.blockedCounts}
          onChange={(event) => change({ blockedCounts: event.currentTarget.checked })}
        />
        Count blocked time in cycle times and ages
      </label>
    </form>
  );
}

function validDate(value: string): string | undefined {
  return dayOfDate(value) === null ? undefined : value;
}

/** Each lane's depth in the tree (0 for a top-level lane). */
function laneDepths(ordered: readonly Lane[]): Map<string, number> {
  const depth = new Map<string, number>();
  for (const lane of ordered) {
    const parent = lane.parentId === null ? undefined : depth.get(lane.parentId);
    depth.set(lane.id, parent === undefined ? 0 : parent + 1);
  }
  return depth;
}

/** The card types of the cards report, by id, named as the report names them. */
function cardTypes(cards: readonly Card[]): { id: string; name: string }[] {
  const types = new Map<string, string>();
  for (const card of cards)
    if (card.typeId && !types.has(card.typeId)) types.set(card.typeId, card.type || card.typeId);
  return [...types]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The lanes as a nested list, where work starts and finishes marked. */
function LaneTree({
  lanes,
  depth,
  start,
  finish,
}: {
  lanes: readonly Lane[];
  depth: ReadonlyMap<string, number>;
  start: number;
  finish: number;
}) {
  const render = (from: number, level: number): [preact.JSX.Element, number] => {
    const items: preact.JSX.Element[] = [];
    let place = from;
    while (place < lanes.length && (depth.get((lanes[place] as Lane).id) ?? 0) === level) {
      const lane = lanes[place] as Lane;
      const here = place;
      place++;
      let children: preact.JSX.Element | null = null;
      if (place < lanes.length && (depth.get((lanes[place] as Lane).id) ?? 0) > level) {
        [children, place] = render(place, level + 1);
      }
      items.push(
        <li key={lane.id}>
          {lane.title || lane.id}
          {here === start && <strong> — work starts here</strong>}
          {here === finish && <strong> — work is done here</strong>}
          {children}
        </li>,
      );
    }
    return [<ul key={`level-${from}`}>{items}</ul>, place];
  };
  return render(0, 0)[0];
}
