import type { BlockedSpan, CardPosition } from './boardHistory';
import { createDayCounter } from './calendarDays';
import { type CardStays, staysIn } from './cardStays';
import type { Workflow } from './workflow';

/**
 * Each card's path through the workflow, and its cycle time in calendar days:
 *  - start: the first entry into the start lane or any lane after it in board order (a card that
 *    skips the start lane starts where it lands past it);
 *  - finish: for a card now at or past the finish lane, its entry into the finish lane or past it
 *    since it was last before the finish lane (a card reopened and finished again finishes the
 *    second time); a card now before the finish lane is unfinished;
 *  - cycle time = finish day − start day + 1 (so at least 1), days counted in one IANA time zone;
 *  - when blocked spans are given, blocked time does not count: a span blocks its start date up
 *    to the day before its end date (the day of unblocking is a working day; an open span blocks
 *    through today), days met by several spans count once, and the cycle time is never below 1.
 * Archived cards are cards in an archive lane: past the finish lane by default, so finished on
 * the day they reached it. Positions in lanes missing from the workflow are left out.
 */

export interface CardFlow {
  readonly cardId: string;
  /** Calendar day (days since 1970-01-01 in the zone) work started, or null if not yet. */
  readonly startDay: number | null;
  readonly finishDay: number | null;
  /** Days from start to finish, blocked days left out when asked; null while unfinished. */
  readonly cycleTime: number | null;
  /** Blocked days from the start day to the finish day or today (0 when spans are not given). */
  readonly blockedDays: number;
  /** The lane the card is in now (its latest entry) and that lane's group. */
  readonly currentLaneId: string;
  readonly currentGroup: number;
  /** Whether the card ever moved to a lane earlier in board order than the one it left. */
  readonly movedBackwards: boolean;
}

export interface CycleTimeOptions {
  /** IANA zone the days are counted in; default UTC. */
  readonly timeZone?: string;
  /** Today, as a day number in that zone: where open blocked spans end. */
  readonly today: number;
  /** Blocked spans to leave out of cycle times; none counted when absent. */
  readonly blocked?: readonly BlockedSpan[];
}

/**
 * Every card with a position in a known lane, in order of first appearance in `positions`
 * (positions or their stays in `workflow`, lib/flow/cardStays.ts).
 */
export function cardFlows(
  positions: readonly CardPosition[] | CardStays,
  workflow: Workflow,
  options: CycleTimeOptions,
): CardFlow[] {
  const dayOf = createDayCounter(options.timeZone);
  const { start, finish } = workflow;
  const stays = staysIn(positions, workflow);
  const blockedByCard = new Map<string, BlockedSpan[]>();
  for (const span of options.blocked ?? []) {
    const spans = blockedByCard.get(span.cardId);
    if (spans) spans.push(span);
    else blockedByCard.set(span.cardId, [span]);
  }

  const { cardIds, first, indices, places } = stays;
  const { groupOfPlace } = workflow;
  const flows: CardFlow[] = new Array(cardIds.length);
  for (let card = 0; card < flows.length; card++) {
    const to = first[card + 1] as number;
    let startAt: number | null = null;
    let finishAt: number | null = null;
    let movedBackwards = false;
    let previous = -1;
    for (let at = first[card] as number; at < to; at++) {
      const place = places[at] as number;
      const entered = (stays.positions[indices[at] as number] as CardPosition).entered;
      if (place < previous) movedBackwards = true;
      previous = place;
      if (startAt === null && place >= start) startAt = entered;
      if (place < finish) finishAt = null;
      else if (finishAt === null) finishAt = entered;
    }
    const cardId = cardIds[card] as string;
    const currentLaneId = (stays.positions[indices[to - 1] as number] as CardPosition).laneId;
    const startDay = startAt === null ? null : dayOf(startAt);
    const finishDay = finishAt === null ? null : dayOf(finishAt);
    const spans = blockedByCard.get(cardId);
    const blockedDays =
      startDay === null || spans === undefined
        ? 0
        : blockedDaysWithin(spans, startDay, finishDay ?? options.today, options.today);
    flows[card] = {
      cardId,
      startDay,
      finishDay,
      cycleTime:
        startDay === null || finishDay === null
          ? null
          : Math.max(1, finishDay - startDay + 1 - blockedDays),
      blockedDays,
      currentLaneId,
      currentGroup: groupOfPlace[places[to - 1] as number] as number,
      movedBackwards,
    };
  }
  return flows;
}

/** Days from `first` to `last` (both included) that any span blocks; open spans run to `today`. */
function blockedDaysWithin(
  spans: readonly BlockedSpan[],
  first: number,
  last: number,
  today: number,
): number {
  // Each span as the days [from, to) it blocks within the range, then their union's length.
  const ranges: [from: number, to: number][] = [];
  for (const span of spans) {
    const from = Math.max(span.startDay, first);
    const to = Math.min(span.endDay === null ? today + 1 : span.endDay, last + 1);
    if (to > from) ranges.push([from, to]);
  }
  if (ranges.length > 1) ranges.sort((a, b) => a[0] - b[0]);
  let days = 0;
  let reached = Number.NEGATIVE_INFINITY;
  for (const [from, to] of ranges) {
    if (to <= reached) continue;
    days += to - Math.max(from, reached);
    reached = to;
  }
  return days;
}
