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
  return aging.sort((a, b) => b.age - a.age || (a.cardId < b.cardId ? -1 : 1));
}
