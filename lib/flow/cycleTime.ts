import type { BlockedSpan, CardPosition } from './boardHistory';
import { createDayCounter } from './calendarDays';
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

/** Every card with a position in a known lane, in order of first appearance in `positions`. */
export function cardFlows(
  positions: readonly CardPosition[],
  workflow: Workflow,
  options: CycleTimeOptions,
): CardFlow[] {
  const dayOf = createDayCounter(options.timeZone);
  const byCard = new Map<string, CardPosition[]>();
  for (const position of positions) {
    if (!workflow.order.has(position.laneId)) continue;
    const stays = byCard.get(position.cardId);
    if (stays) stays.push(position);
    else byCard.set(position.cardId, [position]);
  }
  const blockedByCard = new Map<string, BlockedSpan[]>();
  for (const span of options.blocked ?? []) {
    const spans = blockedByCard.get(span.cardId);
    if (spans) spans.push(span);
    else blockedByCard.set(span.cardId, [span]);
  }

  const flows: CardFlow[] = [];
  for (const [cardId, stays] of byCard) {
    stays.sort((a, b) => a.entered - b.entered);
    let startAt: number | null = null;
    let finishAt: number | null = null;
    let movedBackwards = false;
    let previous = -1;
    for (const stay of stays) {
      const place = workflow.order.get(stay.laneId) as number;
      if (place < previous) movedBackwards = true;
      previous = place;
      if (startAt === null && place >= workflow.start) startAt = stay.entered;
      if (place < workflow.finish) finishAt = null;
      else if (finishAt === null) finishAt = stay.entered;
    }
    const current = stays[stays.length - 1] as CardPosition;
    const startDay = startAt === null ? null : dayOf(startAt);
    const finishDay = finishAt === null ? null : dayOf(finishAt);
    const spans = blockedByCard.get(cardId);
    const blockedDays =
      startDay === null || spans === undefined
        ? 0
        : blockedDaysWithin(spans, startDay, finishDay ?? options.today, options.today);
    flows.push({
      cardId,
      startDay,
      finishDay,
      cycleTime:
        startDay === null || finishDay === null
          ? null
          : Math.max(1, finishDay - startDay + 1 - blockedDays),
      blockedDays,
      currentLaneId: current.laneId,
      currentGroup: workflow.groupOf.get(current.laneId) as number,
      movedBackwards,
    });
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
