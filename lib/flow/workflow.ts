import type { Lane } from './boardHistory';

/**
 * A board's workflow: its lanes in board order, the lanes where work starts and finishes, and the
 * lane groups the cumulative flow diagram draws. "At or past" a lane means at its place in the
 * order or later, so a card that skips lanes still counts as having passed them.
 */

/** A top-level lane and its sub-lanes: one band of the cumulative flow diagram. */
export interface LaneGroup {
  readonly id: string;
  readonly title: string;
  /** Its lanes' places in the order: `first` (the top-level lane) to `last`, both included. */
  readonly first: number;
  readonly last: number;
}

export interface Workflow {
  /** Every lane, the tree flattened depth first: a parent, then its children left to right. */
  readonly lanes: readonly Lane[];
  /** Place of each lane id in `lanes`. */
  readonly order: ReadonlyMap<string, number>;
  /** Group index of each place in `lanes`. */
  readonly groupOfPlace: Int32Array;
  readonly groups: readonly LaneGroup[];
  /** Place of the start lane: work has started once a card is at or past it. */
  readonly start: number;
  /** Place of the finish lane: work is done once a card is at or past it. */
  readonly finish: number;
}

/** The start and finish lanes a user chose (by lane id); either may be left to the default. */
export interface WorkflowChoice {
  readonly startLaneId?: string;
  readonly finishLaneId?: string;
}

/**
 * Lanes in board order: siblings by `position` (then title, then id, so equal positions still
 * give one order), each followed by its sub-lanes. A lane whose parent is missing from the report
 * is treated as top level rather than lost.
 */
export function laneOrder(lanes: readonly Lane[]): Lane[] {
  const known = new Set(lanes.map((lane) => lane.id));
  const children = new Map<string | null, Lane[]>();
  for (const lane of lanes) {
    const parent = lane.parentId !== null && known.has(lane.parentId) ? lane.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(lane);
    children.set(parent, siblings);
  }
  for (const siblings of children.values()) {
    siblings.sort(
      (a, b) =>
        a.position - b.position ||
        a.title.localeCompare(b.title) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
  const ordered: Lane[] = [];
  const visited = new Set<string>();
  const visit = (lane: Lane): void => {
    // A parent cycle in bad data must not loop forever.
    if (visited.has(lane.id)) return;
    visited.add(lane.id);
    ordered.push(lane);
    for (const child of children.get(lane.id) ?? []) visit(child);
  };
  for (const top of children.get(null) ?? []) visit(top);
  return ordered;
}

/**
 * The default start and finish, from lane classes as LeanKit's own actual start and finish dates
 * follow them: start at the first `active` lane; finish at the first completed or `archive` lane
 * after the start (the chosen start, when there is one). -1 where the board has no such lane.
 */
export function defaultStart(ordered: readonly Lane[]): number {
  return ordered.findIndex((lane) => lane.laneClass === 'active');
}

export function defaultFinish(ordered: readonly Lane[], start: number): number {
  return ordered.findIndex(
    (lane, place) => place > start && (lane.isCompleted || lane.laneClass === 'archive'),
  );
}

/**
 * The workflow of a board's lanes, with the user's start and finish lanes where given and known.
 * Null when there is no start or no finish lane after it: no cycle time can be measured then.
 */
export function createWorkflow(
  lanes: readonly Lane[],
  choice: WorkflowChoice = {},
): Workflow | null {
  const ordered = laneOrder(lanes);
  const order = new Map(ordered.map((lane, place) => [lane.id, place]));
  const start = order.get(choice.startLaneId ?? '') ?? defaultStart(ordered);
  const finish = order.get(choice.finishLaneId ?? '') ?? defaultFinish(ordered, start);
  if (start < 0 || finish <= start) return null;

  const groups: LaneGroup[] = [];
  const groupOfPlace = new Int32Array(ordered.length);
  ordered.forEach((lane, place) => {
    const top = lane.parentId === null || !order.has(lane.parentId);
    if (top) groups.push({ id: lane.id, title: lane.title, first: place, last: place });
    else {
      const group = groups[groups.length - 1] as LaneGroup;
      groups[groups.length - 1] = { ...group, last: place };
    }
    groupOfPlace[place] = groups.length - 1;
  });
  return { lanes: ordered, order, groupOfPlace, groups, start, finish };
}
