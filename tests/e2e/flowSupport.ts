import Papa from 'papaparse';
import type { Simulator } from '../simulator/index';

/**
 * The flow metrics of a simulator board, computed here from the reports the simulator serves,
 * read with papaparse and worked out the plain way (no lib/flow code), for the Flow charts
 * end-to-end test to hold the page's tables against.
 */

type Row = Record<string, string>;

async function served(sim: Simulator, path: string, boardId: string): Promise<Row[]> {
  const body = await sim.body(`/io/reporting/export/${path}?format=csv&boardId=${boardId}`);
  return Papa.parse<Row>(body.toString('utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

export interface SimulatorBoard {
  /** Lane ids and titles in board order: each lane followed by its sub-lanes. */
  lanes: { id: string; title: string; parentId: string; laneClass: string; completed: boolean }[];
  stays: { cardId: string; laneId: string; entered: number }[];
}

export async function simulatorBoard(sim: Simulator, boardId: string): Promise<SimulatorBoard> {
  const laneRows = await served(sim, 'lanes', boardId);
  const byParent = new Map<string, Row[]>();
  const ids = new Set(laneRows.map((row) => row.laneId));
  for (const row of laneRows) {
    const parent = ids.has(row.parentLaneId ?? '') ? (row.parentLaneId ?? '') : '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
  }
  const lanes: SimulatorBoard['lanes'] = [];
  const visit = (parent: string) => {
    const children = (byParent.get(parent) ?? []).sort(
      (a, b) =>
        Number(a.lanePosition) - Number(b.lanePosition) ||
        (a.laneTitle ?? '').localeCompare(b.laneTitle ?? '') ||
        ((a.laneId ?? '') < (b.laneId ?? '') ? -1 : 1),
    );
    for (const row of children) {
      lanes.push({
        id: row.laneId ?? '',
        title: row.laneTitle ?? '',
        parentId: parent,
        laneClass: (row.laneClass ?? '').toLowerCase(),
        completed:
          ['true', '1'].includes((row.isCompletedLane ?? '').toLowerCase()) ||
          (row.laneType ?? '').toLowerCase() === 'completed',
      });
      visit(row.laneId ?? '');
    }
  };
  visit('');
  const stays = (await served(sim, 'cardpositions', boardId)).map((row) => ({
    cardId: row.cardId ?? '',
    laneId: row.laneId ?? '',
    entered: utcTime(row.laneEntryDate ?? ''),
  }));
  return { lanes, stays };
}

/** LeanKit's date-times (`2026-03-01 10:00:00.1234567`, `…T…Z`) are UTC; NaN for anything else. */
function utcTime(text: string): number {
  const match = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,3})\d*)?)?Z?$/.exec(
    text,
  );
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = match;
  return Date.UTC(
    +(y as string),
    +(mo as string) - 1,
    +(d as string),
    +h,
    +mi,
    +s,
    +ms.padEnd(3, '0'),
  );
}

/** `YYYY-MM-DD` of an instant in a time zone, as the browser's calendar says it. */
export function dateIn(time: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(time));
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface ExpectedFlow {
  /** Card id → [finish date, cycle time] of each finished card. */
  finished: Map<string, [string, number]>;
  /** Card id → age of each started, unfinished card. */
  aging: Map<string, number>;
  /** Finish date → cards finished, every day from the first finish to today. */
  throughputByDay: [string, number][];
}

/**
 * Cycle time = finish day − start day + 1 in calendar days; started on first reaching the start
 * lane or a lane after it; finished on reaching the finish lane or after it since last before it.
 */
export function expectedFlow(
  board: SimulatorBoard,
  startLaneId: string,
  finishLaneId: string,
  today: string,
  timeZone: string,
): ExpectedFlow {
  const place = new Map(board.lanes.map((lane, index) => [lane.id, index]));
  const start = place.get(startLaneId) ?? -1;
  const finish = place.get(finishLaneId) ?? -1;
  const byCard = new Map<string, SimulatorBoard['stays']>();
  for (const stay of board.stays) {
    if (!place.has(stay.laneId) || Number.isNaN(stay.entered)) continue;
    byCard.set(stay.cardId, [...(byCard.get(stay.cardId) ?? []), stay]);
  }
  const day = (time: number) => dayNumber(dateIn(time, timeZone));
  const finished = new Map<string, [string, number]>();
  const aging = new Map<string, number>();
  for (const [cardId, stays] of byCard) {
    stays.sort((a, b) => a.entered - b.entered);
    const started = stays.find((stay) => (place.get(stay.laneId) as number) >= start);
    if (!started) continue;
    let done: number | null = null;
    for (const stay of stays) {
      if ((place.get(stay.laneId) as number) < finish) done = null;
      else done ??= stay.entered;
    }
    if (done === null) aging.set(cardId, dayNumber(today) - day(started.entered) + 1);
    else finished.set(cardId, [dateIn(done, timeZone), day(done) - day(started.entered) + 1]);
  }
  const finishDays = [...finished.values()].map(([date]) => dayNumber(date));
  const first = Math.min(...finishDays);
  const throughputByDay: [string, number][] = [];
  for (let d = first; d <= dayNumber(today); d++) {
    throughputByDay.push([dateOf(d), finishDays.filter((finishDay) => finishDay === d).length]);
  }
  return { finished, aging, throughputByDay };
}

/** The default lanes: the first active lane, and the first completed or archive lane after it. */
export function defaultLanes(board: SimulatorBoard): { start: string; finish: string } {
  const start = board.lanes.findIndex((lane) => lane.laneClass === 'active');
  const finish = board.lanes.findIndex(
    (lane, index) => index > start && (lane.completed || lane.laneClass === 'archive'),
  );
  return { start: board.lanes[start]?.id ?? '', finish: board.lanes[finish]?.id ?? '' };
}

/**
 * The cumulative flow on its last day: each top-level lane group's title, and how many cards ever
 * reached that group or a later one (a card that moved back still counts where it had been).
 */
export function cumulativeOnLastDay(board: SimulatorBoard): [string, number][] {
  const groups = board.lanes.filter((lane) => lane.parentId === '');
  const groupOf = (laneId: string) => {
    let lane = board.lanes.find((candidate) => candidate.id === laneId);
    while (lane && lane.parentId !== '') {
      const parent = lane.parentId;
      lane = board.lanes.find((candidate) => candidate.id === parent);
    }
    return groups.findIndex((group) => group.id === lane?.id);
  };
  const furthest = new Map<string, number>();
  for (const stay of board.stays) {
    const group = groupOf(stay.laneId);
    if (group >= 0) furthest.set(stay.cardId, Math.max(furthest.get(stay.cardId) ?? -1, group));
  }
  return groups.map((group, index) => [
    group.title,
    [...furthest.values()].filter((reached) => reached >= index).length,
  ]);
}
