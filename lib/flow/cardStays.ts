import type { CardPosition } from './boardHistory';
import type { Workflow } from './workflow';

/**
 * A board's card positions grouped by card, each card's stays in order of entry: what the cycle
 * times and the cumulative flow both walk, so the Flow charts page groups its 100k positions once
 * for both. Typed arrays rather than an array per card: a big board has 30,000 cards.
 */
export interface CardStays {
  readonly positions: readonly CardPosition[];
  /** The workflow whose lanes the stays are in; positions in other lanes are left out. */
  readonly workflow: Workflow;
  /** Cards with a position in a workflow lane, in order of first appearance in `positions`. */
  readonly cardIds: readonly string[];
  /**
   * Card `c`'s stays are `indices[first[c]]` to `indices[first[c + 1] - 1]`: indices into
   * `positions`, by entry time (equal times in the order given), each with its lane's place in
   * the workflow at the same index of `places`.
   */
  readonly first: Int32Array;
  readonly indices: Int32Array;
  readonly places: Int32Array;
}

export function cardStays(positions: readonly CardPosition[], workflow: Workflow): CardStays {
  const { order } = workflow;
  const count = positions.length;
  // Each position's card (-1: its lane is not in the workflow) and its lane's place.
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
  // A counting sort by card, which keeps each card's positions in their order.
  const cards = cardIds.length;
  const first = new Int32Array(cards + 1);
  for (let index = 0; index < count; index++) {
    const card = cardOf[index] as number;
    if (card >= 0) first[card + 1] = (first[card + 1] as number) + 1;
  }
  for (let card = 0; card < cards; card++) {
    first[card + 1] = (first[card + 1] as number) + (first[card] as number);
  }
  const next = first.slice(0, cards);
  const indices = new Int32Array(first[cards] as number);
  const places = new Int32Array(indices.length);
  for (let index = 0; index < count; index++) {
    const card = cardOf[index] as number;
    if (card < 0) continue;
    const at = next[card] as number;
    next[card] = at + 1;
    indices[at] = index;
    places[at] = placeOf[index] as number;
  }
  const stays = { positions, workflow, cardIds, first, indices, places };
  for (let card = 0; card < cards; card++) {
    if (!inEntryOrder(stays, card)) sortByEntry(stays, card);
  }
  return stays;
}

/** Whether a card's stays are by entry time already, as a report lists them. */
function inEntryOrder({ positions, first, indices }: CardStays, card: number): boolean {
  const to = first[card + 1] as number;
  let previous = (positions[indices[first[card] as number] as number] as CardPosition).entered;
  for (let at = (first[card] as number) + 1; at < to; at++) {
    const entered = (positions[indices[at] as number] as CardPosition).entered;
    if (entered < previous) return false;
    previous = entered;
  }
  return true;
}

/** Sorts a card's stays by entry time, equal times kept in their order. */
function sortByEntry({ positions, first, indices, places }: CardStays, card: number): void {
  const from = first[card] as number;
  const to = first[card + 1] as number;
  const entered = (at: number) => (positions[indices[at] as number] as CardPosition).entered;
  const sorted = Array.from({ length: to - from }, (_, offset) => from + offset).sort(
    (a, b) => entered(a) - entered(b),
  );
  const sortedIndices = sorted.map((at) => indices[at] as number);
  const sortedPlaces = sorted.map((at) => places[at] as number);
  indices.set(sortedIndices, from);
  places.set(sortedPlaces, from);
}

/** The stays of `positions` in `workflow`: grouped now, or as given when grouped for it already. */
export function staysIn(
  positions: readonly CardPosition[] | CardStays,
  workflow: Workflow,
): CardStays {
  return 'indices' in positions && positions.workflow === workflow
    ? positions
    : cardStays('indices' in positions ? positions.positions : positions, workflow);
}
