import type { Card, CardPosition } from './boardHistory';
import type { CardFlow } from './cycleTime';

/**
 * Which cards the charts count: the workflow settings' card types and date range. Types are
 * matched by `cardTypeId` from the cards report; a card that report does not list has no known
 * type, so choosing types leaves it out. The date range keeps cards by the day they finished
 * (the scatterplot and throughput are about finished work); unfinished cards are kept whatever
 * the range, as aging work is about today.
 */

/** The positions of the cards of the chosen types; all positions when no type is chosen. */
export function positionsOfTypes(
  positions: readonly CardPosition[],
  cards: readonly Card[],
  typeIds: ReadonlySet<string>,
): readonly CardPosition[] {
  if (typeIds.size === 0) return positions;
  const chosen = new Set(cards.filter((card) => typeIds.has(card.typeId)).map((card) => card.id));
  return positions.filter((position) => chosen.has(position.cardId));
}

/** Cards finished from `from` to `to` (day numbers, both included), and every unfinished card. */
export function flowsInRange(flows: readonly CardFlow[], from: number, to: number): CardFlow[] {
  return flows.filter(
    (flow) => flow.finishDay === null || (flow.finishDay >= from && flow.finishDay <= to),
  );
}
