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
  const { order, start, finish } = workflow;
  const stays = staysByCard(positions, order);
  const blockedByCard = new Map<string, BlockedSpan[]>();
  for (const span of options.blocked ?? []) {
    const spans = blockedByCard.get(span.cardId);
    if (spans) spans.push(span);
    else blockedByCard.set(span.cardId, [span]);
  }

  const flows: CardFlow[] = new Array(stays.cardIds.length);
  const { first, indices, places } = stays;
  for (let card = 0; card < flows.length; card++) {
    const from = first[card] as number;
    const to = first[card + 1] as number;
    sortByEntry(positions, indices, places, from, to);
    let startAt: number | null = null;
    let finishAt: number | null = null;
    let movedBackwards = false;
    let previous = -1;
    for (let at = from; at < to; at++) {
      const place = places[at] as number;
      const entered = (positions[indices[at] as number] as CardPosition).entered;
      if (place < previous) movedBackwards = true;
      previous = place;
      if (startAt === null && place >= start) startAt = entered;
      if (place < finish) finishAt = null;
      else if (finishAt === null) finishAt = entered;
    }
    const cardId = stays.cardIds[card] as string;
    const currentLaneId = (positions[indices[to - 1] as number] as CardPosition).laneId;
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
      currentGroup: workflow.groupOf.get(currentLaneId) as number,
      movedBackwards,
    };
  }
  return flows;
}

/**
 * The positions in known lanes grouped by card, in typed arrays rather than an array per card (a
 * big board has 30,000 cards): card `c`'s stays are `indices[first[c]]` to
 * `indices[first[c + 1] - 1]` (indices into `positions`, in the order given), each with its lane's
 * place in `places`; cards in order of first appearance.
 */
interface StaysByCard {
  readonly cardIds: string[];
  readonly first: Int32Array;
  readonly indices: Int32Array;
  readonly places: Int32Array;
}

function staysByCard(
  positions: readonly CardPosition[],
  order: ReadonlyMap<string, number>,
): StaysByCard {
  const count = positions.length;
  // Each position's card (-1: lane not in the workflow) and its lane's place.
  const cardOf = new Int32Array(count);
  const placeOf = new Int32Array(count);
  const cardIds: string[] = [];
  const cardIndex = new Map<string, number>();
  // A report lists a card's positions together: the card of the row before is looked up once.
  let lastId: string | undefined;
  let lastCard = -1;
  for (let index = 0; index < count; index++) {
    const position = positions[index] as CardPosition;
    const place = order.get(position.laneId);
    if (place === undefined) {
      cardOf[index] = -1;
      continue;
    }
    placeOf[index] = place;
    const cardId = position.cardId;
    if (cardId !== lastId) {
      let card = cardIndex.get(cardId);
      if (card === undefined) {
        card = cardIds.length;
        cardIds.push(cardId);
        cardIndex.set(cardId, card);
      }
      lastId = cardId;
      lastCard = card;
    }
    cardOf[index] = lastCard;
  }
  // Counting sort by card, which keeps each card's positions in their order.
  const first = new Int32Array(cardIds.length + 1);
  for (let index = 0; index < count; index++) {
    const card = cardOf[index] as number;
    if (card >= 0) first[card + 1] = (first[card + 1] as number) + 1;
  }
  for (let card = 0; card < cardIds.length; card++) {
    first[card + 1] = (first[card + 1] as number) + (first[card] as number);
  }
  const next = first.slice(0, cardIds.length);
  const known = first[cardIds.length] as number;
  const indices = new Int32Array(known);
  const places = new Int32Array(known);
  for (let index = 0; index < count; index++) {
    const card = cardOf[index] as number;
    if (card < 0) continue;
    const at = next[card] as number;
    next[card] = at + 1;
    indices[at] = index;
    places[at] = placeOf[index] as number;
  }
  return { cardIds, first, indices, places };
}

/**
 * Sorts one card's stays (`from` to `to` of `indices` and `places`) by entry time, equal times kept
 * in their order. A report lists them in that order already, so they are only checked then.
 */
function sortByEntry(
  positions: readonly CardPosition[],
  indices: Int32Array,
  places: Int32Array,
  from: number,
  to: number,
): void {
  let previous = (positions[indices[from] as number] as CardPosition).entered;
  for (let at = from + 1; at < to; at++) {
    const entered = (positions[indices[at] as number] as CardPosition).entered;
    if (entered < previous) {
      sortStays(positions, indices, places, from, to);
      return;
    }
    previous = entered;
  }
}

function sortStays(
  positions: readonly CardPosition[],
  indices: Int32Array,
  places: Int32Array,
  from: number,
  to: number,
): void {
  const entered = (at: number) => (positions[indices[at] as number] as CardPosition).entered;
  const stays = Array.from({ length: to - from }, (_, offset) => from + offset).sort(
    (a, b) => entered(a) - entered(b),
  );
  const sortedIndices = stays.map((at) => indices[at] as number);
  const sortedPlaces = stays.map((at) => places[at] as number);
  indices.set(sortedIndices, from);
  places.set(sortedPlaces, from);
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
