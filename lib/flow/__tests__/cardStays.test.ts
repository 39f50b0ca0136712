import { describe, expect, it } from 'vitest';
import { parseCardPositions, parseLanes } from '../boardHistory';
import { type CardStays, cardStays } from '../cardStays';
import { cumulativeFlow } from '../cumulativeFlow';
import { cardFlows } from '../cycleTime';
import { createWorkflow, type Workflow, type WorkflowChoice } from '../workflow';
import { LANE, laneRows, positionRows } from './handWorkedBoard';
import { HAND_WORKED_TODAY } from './handWorkedReports';

const lanes = parseLanes(laneRows).records;
const positions = parseCardPositions(positionRows).records;

function workflowOf(choice: WorkflowChoice = {}): Workflow {
  const workflow = createWorkflow(lanes, choice);
  if (!workflow) throw new Error('the hand-worked board has a workflow');
  return workflow;
}

/** Each card's stays as `lane id @ entry time`, card by card. */
function listed(stays: CardStays): Record<string, string[]> {
  return Object.fromEntries(
    stays.cardIds.map((cardId, card) => {
      const list: string[] = [];
      for (let at = stays.first[card] as number; at < (stays.first[card + 1] as number); at++) {
        const position = stays.positions[stays.indices[at] as number];
        expect(stays.places[at]).toBe(stays.workflow.order.get(position?.laneId ?? ''));
        list.push(`${position?.laneId} @ ${new Date(position?.entered ?? 0).toISOString()}`);
      }
      return [cardId, list];
    }),
  );
}

describe('cardStays', () => {
  it('groups the positions in known lanes by card, in order of first appearance and entry', () => {
    const stays = cardStays(positions, workflowOf());
    // Y's only position is in a lane the board does not list.
    expect(stays.cardIds).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    // H's rows come newest first: its stays are put in entry order.
    expect(listed(stays).H).toEqual([
      `${LANE.ready} @ 2026-03-01T10:00:00.000Z`,
      `${LANE.done} @ 2026-03-03T10:00:00.000Z`,
      `${LANE.review} @ 2026-03-04T10:00:00.000Z`,
      `${LANE.done} @ 2026-03-06T10:00:00.000Z`,
    ]);
    expect(listed(stays).C).toEqual([
      `${LANE.backlog} @ 2026-03-01T10:00:00.000Z`,
      `${LANE.review} @ 2026-03-04T10:00:00.000Z`,
      `${LANE.done} @ 2026-03-05T10:00:00.000Z`,
    ]);
  });

  it('walks a workflow whose places each know their lane group', () => {
    // Backlog, Ready, In Progress (Build, Review), Done, Archive.
    expect([...workflowOf().groupOfPlace]).toEqual([0, 1, 2, 2, 2, 3, 4]);
  });

  it('gives the cycle times and the cumulative flow the positions give', () => {
    const workflow = workflowOf();
    const stays = cardStays(positions, workflow);
    const options = { today: HAND_WORKED_TODAY, timeZone: 'Asia/Kolkata' };
    expect(cardFlows(stays, workflow, options)).toEqual(cardFlows(positions, workflow, options));
    expect(cumulativeFlow(stays, workflow, options)).toEqual(
      cumulativeFlow(positions, workflow, options),
    );
  });

  it('stays grouped for another workflow are grouped again for the one asked', () => {
    // Without Backlog, every place moves one to the left.
    const narrower = createWorkflow(lanes.filter((lane) => lane.id !== LANE.backlog));
    if (!narrower) throw new Error('the board without Backlog still has a workflow');
    const stays = cardStays(positions, workflowOf());
    const options = { today: HAND_WORKED_TODAY };
    expect(cardFlows(stays, narrower, options)).toEqual(cardFlows(positions, narrower, options));
    expect(cumulativeFlow(stays, narrower)).toEqual(cumulativeFlow(positions, narrower));
    // A finish at Review differs from the default only in where work is done.
    const review = workflowOf({ finishLaneId: LANE.review });
    expect(cardFlows(stays, review, options)).toEqual(cardFlows(positions, review, options));
  });
});
