// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agingWip } from '../../lib/flow/agingWip';
import {
  type BlockedSpan,
  type CardPosition,
  type Lane,
  parseBlockedSpans,
  parseCardPositions,
  parseLanes,
  type ReportRow,
} from '../../lib/flow/boardHistory';
import { DAY_MS } from '../../lib/flow/calendarDays';
import { type CardFlow, cardFlows } from '../../lib/flow/cycleTime';
import { percentiles } from '../../lib/flow/percentiles';
import { throughput } from '../../lib/flow/throughput';
import { createWorkflow } from '../../lib/flow/workflow';
import { type Simulator, startSimulator } from './index';

/**
 * The simulator's card histories give flow charts a real shape (issue 15): cards flow through the
 * lanes over weeks at different speeds, some go back or skip a lane, some are under way, some
 * blocked, some archived. Read through the flow metrics themselves, on one board.
 */

const AS_OF = Date.UTC(2025, 3, 1);
const TODAY = Math.floor(AS_OF / DAY_MS);

let sim: Simulator;
let lanes: Lane[];
let positions: CardPosition[];
let blocked: BlockedSpan[];
let flows: CardFlow[];
beforeAll(async () => {
  sim = await startSimulator({ boards: 1, cardsPerBoard: 600, seed: 3 });
  const rows = async (path: string): Promise<ReportRow[]> =>
    JSON.parse((await sim.body(`/io/reporting/export/${path}?format=json`)).toString());
  lanes = parseLanes(await rows('lanes')).records;
  positions = parseCardPositions(await rows('cardpositions')).records;
  blocked = parseBlockedSpans(await rows('cards/blockedhistory')).records;
  const workflow = createWorkflow(lanes, {});
  if (!workflow) throw new Error('the simulated board has a workflow');
  flows = cardFlows(positions, workflow, { today: TODAY });
});
afterAll(() => sim.close());

/** Each card's stays, oldest first. */
function staysByCard(): Map<string, CardPosition[]> {
  const byCard = new Map<string, CardPosition[]>();
  for (const stay of positions) byCard.set(stay.cardId, [...(byCard.get(stay.cardId) ?? []), stay]);
  return byCard;
}

/** Where each card lane sits left to right: Backlog 0 … Archive 5. */
function columnOf(): Map<string, number> {
  const leaves = lanes.filter((lane) => !lanes.some((other) => other.parentId === lane.id));
  const order = ['Backlog', 'Ready', 'Build', 'Review', 'Done', 'Archive'];
  return new Map(leaves.map((lane) => [lane.id, order.indexOf(lane.title)]));
}

describe('simulated card histories', () => {
  it('every move lies before the moment the data describes', () => {
    for (const stay of positions) {
      expect(stay.entered).toBeLessThan(AS_OF);
      if (stay.exited !== null) expect(stay.exited).toBeLessThan(AS_OF);
    }
  });

  it('some cards go back, some skip a lane, most go one lane right at a time', () => {
    const column = columnOf();
    const steps = { back: 0, skip: 0, next: 0 };
    for (const stays of staysByCard().values()) {
      for (let i = 1; i < stays.length; i++) {
        const step =
          (column.get((stays[i] as CardPosition).laneId) as number) -
          (column.get((stays[i - 1] as CardPosition).laneId) as number);
        if (step < 0) steps.back++;
        else if (step > 1) steps.skip++;
        else steps.next++;
      }
    }
    expect(steps.back).toBeGreaterThan(10);
    expect(steps.skip).toBeGreaterThan(10);
    expect(steps.next).toBeGreaterThan(5 * (steps.back + steps.skip));
    expect(flows.filter((flow) => flow.movedBackwards).length).toBeGreaterThan(10);
  });

  it('finished cards took from a day to months, and finished all through the period', () => {
    const cycleTimes = flows.flatMap((flow) => (flow.cycleTime === null ? [] : [flow.cycleTime]));
    expect(cycleTimes.length).toBeGreaterThan(100);
    const [p50, , p85, p95] = percentiles(cycleTimes).map((p) => p.value);
    expect(p50).toBeGreaterThan(3);
    expect(p85 as number).toBeGreaterThan(2 * (p50 as number));
    expect(p95).toBeLessThan(200);
    const weeks = throughput(flows, { period: 'week' });
    expect(weeks.length).toBeGreaterThan(52);
    // Cards finish in most weeks, and in the last month too (a forecast has a recent rate).
    expect(weeks.filter((week) => week.finished > 0).length).toBeGreaterThan(weeks.length / 2);
    expect(flows.some((flow) => flow.finishDay !== null && flow.finishDay > TODAY - 30)).toBe(true);
  });

  it('work under way mostly started days to weeks ago, a few cards stuck for months', () => {
    const aging = agingWip(flows, TODAY);
    expect(aging.length).toBeGreaterThan(100);
    const ages = aging.map((card) => card.age).sort((a, b) => a - b);
    expect(ages[Math.floor(ages.length / 2)]).toBeLessThan(45);
    expect(ages.at(-1)).toBeGreaterThan(90);
  });

  it('archived cards stay archived; closed blocked spans fall while the card was worked on', () => {
    const archive = lanes.find((lane) => lane.laneClass === 'archive') as Lane;
    const byCard = staysByCard();
    const archived = [...byCard.values()].filter((stays) => stays.at(-1)?.laneId === archive.id);
    expect(archived.length).toBeGreaterThan(50);
    const working = new Set(
      lanes.filter((lane) => lane.laneClass === 'active' && !lane.isCompleted).map((l) => l.id),
    );
    const closed = blocked.filter((span) => span.endDay !== null);
    expect(closed.length).toBeGreaterThan(10);
    expect(blocked.length - closed.length).toBeGreaterThan(10);
    for (const span of closed) {
      const during = (byCard.get(span.cardId) ?? []).some(
        (stay) =>
          working.has(stay.laneId) &&
          stay.exited !== null &&
          Math.floor(stay.entered / DAY_MS) <= span.startDay &&
          (span.endDay as number) <= Math.floor(stay.exited / DAY_MS),
      );
      expect(during, span.cardId).toBe(true);
    }
  });
});
