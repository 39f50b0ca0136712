import { describe, expect, it } from 'vitest';
import type { Card, CardPosition } from '../boardHistory';
import { flowsInRange, positionsOfTypes } from '../cardSelection';
import type { CardFlow } from '../cycleTime';

const position = (cardId: string): CardPosition => ({
  cardId,
  laneId: 'L',
  entered: 0,
  exited: null,
});
const card = (id: string, typeId: string): Card => ({
  id,
  title: id,
  typeId,
  type: `Type ${typeId}`,
  size: 0,
  priority: 'normal',
  actualStart: null,
  actualFinish: null,
  archived: null,
  currentLaneId: 'L',
});
const flow = (cardId: string, finishDay: number | null): CardFlow => ({
  cardId,
  startDay: 1,
  finishDay,
  cycleTime: finishDay,
  blockedDays: 0,
  currentLaneId: 'L',
  currentGroup: 0,
  movedBackwards: false,
});

describe('positionsOfTypes', () => {
  const positions = [position('A'), position('B'), position('A'), position('unlisted')];
  const cards = [card('A', 'defect'), card('B', 'feature')];

  it('keeps the positions of cards of the chosen types', () => {
    expect(positionsOfTypes(positions, cards, new Set(['defect']))).toEqual([
      position('A'),
      position('A'),
    ]);
  });

  it('keeps every position when no type is chosen, cards of unknown type included', () => {
    expect(positionsOfTypes(positions, cards, new Set())).toEqual(positions);
  });
});

describe('flowsInRange', () => {
  it('keeps cards finished in the range, both ends included, and every unfinished card', () => {
    const flows = [
      flow('early', 9),
      flow('first', 10),
      flow('last', 20),
      flow('late', 21),
      flow('open', null),
    ];
    expect(flowsInRange(flows, 10, 20).map((kept) => kept.cardId)).toEqual([
      'first',
      'last',
      'open',
    ]);
  });
});
