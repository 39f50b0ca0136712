import { describe, expect, it } from 'vitest';
import type { CardPosition, Lane } from '../boardHistory';
import { DAY_MS } from '../calendarDays';
import { cardFlows } from '../cycleTime';
import { createWorkflow, type Workflow } from '../workflow';

/** Backlog, Ready (start), Build, Done (finish): places 0 to 3. */
function workflow(): Workflow {
  const lane = (id: string, position: number, laneClass: string, isCompleted = false): Lane => ({
    id,
    title: id,
    parentId: null,
    position,
    laneClass,
    laneType: isCompleted ? 'completed' : 'inProcess',
    isCompleted,
  });
  const created = createWorkflow([
    lane('backlog', 0, 'backlog'),
    lane('ready', 1, 'active'),
    lane('build', 2, 'active'),
    lane('done', 3, 'active', true),
  ]);
  if (!created) throw new Error('the lanes have a start and a finish');
  return created;
}

const stay = (cardId: string, laneId: string, day: number): CardPosition => ({
  cardId,
  laneId,
  entered: day * DAY_MS,
  exited: null,
});

const flowsOf = (positions: CardPosition[]) => cardFlows(positions, workflow(), { today: 20 });

describe('cardFlows reads each card’s stays in entry order, whatever the rows’ order', () => {
  it('the same flows from the rows in report order, reversed, or cards interleaved', () => {
    const rows = [
      stay('A', 'backlog', 1),
      stay('A', 'ready', 2),
      stay('A', 'build', 4),
      stay('A', 'done', 7),
      stay('B', 'ready', 3),
      stay('B', 'build', 5),
      stay('B', 'ready', 6),
    ];
    const expected = [
      {
        cardId: 'A',
        startDay: 2,
        finishDay: 7,
        cycleTime: 6,
        blockedDays: 0,
        currentLaneId: 'done',
        currentGroup: 3,
        movedBackwards: false,
      },
      {
        cardId: 'B',
        startDay: 3,
        finishDay: null,
        cycleTime: null,
        blockedDays: 0,
        currentLaneId: 'ready',
        currentGroup: 1,
        movedBackwards: true,
      },
    ];
    expect(flowsOf(rows)).toEqual(expected);
    expect(flowsOf([...rows].reverse())).toEqual([...expected].reverse());
    const interleaved = [rows[4], rows[0], rows[5], rows[1], rows[6], rows[2], rows[3]];
    expect(flowsOf(interleaved as CardPosition[])).toEqual(expected.reverse());
  });

  it('stays entered at the same time keep their rows’ order: the later row is where it is now', () => {
    const inOrder = [stay('A', 'ready', 2), stay('A', 'done', 5), stay('A', 'build', 5)];
    expect(flowsOf(inOrder)[0]).toMatchObject({ currentLaneId: 'build', finishDay: null });
    // Out of order, so sorted: the two stays of day 5 still in their rows' order.
    const outOfOrder = [stay('A', 'build', 5), stay('A', 'done', 5), stay('A', 'ready', 2)];
    expect(flowsOf(outOfOrder)[0]).toMatchObject({ currentLaneId: 'done', finishDay: 5 });
  });

  it('leaves out stays in lanes the workflow does not know, and cards with none known', () => {
    const flows = flowsOf([
      stay('A', 'elsewhere', 1),
      stay('B', 'ready', 2),
      stay('A', 'ready', 3),
      stay('C', 'elsewhere', 3),
      stay('B', 'elsewhere', 9),
    ]);
    expect(flows.map((flow) => [flow.cardId, flow.startDay, flow.currentLaneId])).toEqual([
      ['B', 2, 'ready'],
      ['A', 3, 'ready'],
    ]);
  });
});
