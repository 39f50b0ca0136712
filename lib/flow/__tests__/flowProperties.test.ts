import { describe, expect, it } from 'vitest';
import { agingWip } from '../agingWip';
import type { BlockedSpan, CardPosition, Lane } from '../boardHistory';
import { DAY_MS } from '../calendarDays';
import { cumulativeFlow } from '../cumulativeFlow';
import { cardFlows } from '../cycleTime';
import { forecastHowMany, forecastWhen, mulberry32 } from '../monteCarlo';
import { percentiles } from '../percentiles';
import { throughput } from '../throughput';
import { createWorkflow, type Workflow } from '../workflow';

/**
 * Properties that hold on any board, checked on random boards from a seeded generator (so a
 * failure names a seed that reproduces it): lane trees of 3 to 7 top-level lanes with sub-lanes,
 * cards that skip lanes, move back, stop anywhere, get blocked and archived.
 */

interface RandomBoard {
  readonly lanes: Lane[];
  readonly positions: CardPosition[];
  readonly blocked: BlockedSpan[];
  readonly today: number;
}

const HOUR_MS = 3_600_000;
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'];

function randomBoard(seed: number): RandomBoard {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const lanes: Lane[] = [];
  const tops = int(3, 7);
  for (let top = 0; top < tops; top++) {
    const laneClass = top === 0 ? 'backlog' : top === tops - 1 ? 'archive' : 'active';
    const id = `L${top}`;
    const lane = {
      id,
      title: `Lane ${top}`,
      parentId: null,
      position: top,
      laneClass,
      laneType: top === tops - 2 ? 'completed' : 'inProcess',
      isCompleted: top === tops - 2,
    };
    lanes.push(lane);
    const children = top > 0 && top < tops - 2 ? int(0, 3) : 0;
    for (let child = 0; child < children; child++) {
      lanes.push({ ...lane, id: `${id}.${child}`, parentId: id, position: child });
    }
  }
  // Cards sit in lanes without sub-lanes.
  const cardLanes = lanes.filter((lane) => !lanes.some((other) => other.parentId === lane.id));
  const positions: CardPosition[] = [];
  const blocked: BlockedSpan[] = [];
  const origin = Date.UTC(2025, 0, 1);
  let latest = origin;
  const cards = int(0, 120);
  for (let card = 0; card < cards; card++) {
    const cardId = `C${card}`;
    let lane = int(0, 1);
    let entered = origin + int(0, 90 * 24) * HOUR_MS;
    const moves = int(0, cardLanes.length + 2);
    for (let move = 0; move <= moves; move++) {
      const exited = move === moves ? null : entered + int(1, 7 * 24) * HOUR_MS;
      positions.push({ cardId, laneId: (cardLanes[lane] as Lane).id, entered, exited });
      if (exited === null) break;
      latest = Math.max(latest, exited);
      entered = exited;
      // Mostly forward, one to three lanes at once; sometimes back one.
      lane =
        random() < 0.15 ? Math.max(0, lane - 1) : Math.min(cardLanes.length - 1, lane + int(1, 3));
    }
    latest = Math.max(latest, entered);
    if (random() < 0.2) {
      const startDay = Math.floor((origin + int(0, 100 * 24) * HOUR_MS) / DAY_MS);
      blocked.push({ cardId, startDay, endDay: random() < 0.3 ? null : startDay + int(0, 10) });
    }
  }
  // Shuffled: nothing promises the report's row order.
  for (let i = positions.length - 1; i > 0; i--) {
    const j = int(0, i);
    [positions[i], positions[j]] = [positions[j] as CardPosition, positions[i] as CardPosition];
  }
  return { lanes, positions, blocked, today: Math.floor(latest / DAY_MS) + int(0, 5) };
}

function workflowOf(board: RandomBoard): Workflow {
  const workflow = createWorkflow(board.lanes);
  if (!workflow) throw new Error('every random board has active and completed lanes');
  return workflow;
}

const SEEDS = Array.from({ length: 40 }, (_, index) => index + 1);

describe('the random boards', () => {
  it('hold what the properties are about: finished, unfinished and moved-back cards', () => {
    const flows = SEEDS.map((seed) => {
      const board = randomBoard(seed);
      return cardFlows(board.positions, workflowOf(board), { today: board.today });
    });
    const count = (test: (flow: (typeof flows)[number][number]) => boolean) =>
      flows.filter((board) => board.filter(test).length >= 5).length;
    // Most boards have enough of each kind for percentiles and forecasts to mean something.
    expect(count((flow) => flow.finishDay !== null)).toBeGreaterThan(30);
    expect(count((flow) => flow.startDay !== null && flow.finishDay === null)).toBeGreaterThan(30);
    expect(count((flow) => flow.movedBackwards)).toBeGreaterThan(30);
  });
});

describe.each(SEEDS)('random board %i', (seed) => {
  const board = randomBoard(seed);
  const workflow = workflowOf(board);
  const timeZone = ZONES[seed % ZONES.length] as string;
  const flows = cardFlows(board.positions, workflow, { today: board.today, timeZone });
  const finished = flows.filter((flow) => flow.finishDay !== null);

  it('CFD bands never decrease, and a later group never holds more than an earlier', () => {
    const { bands } = cumulativeFlow(board.positions, workflow, { timeZone });
    for (const band of bands) {
      band.counts.forEach((count, day) => {
        expect(count).toBeGreaterThanOrEqual(band.counts[day - 1] ?? 0);
      });
    }
    bands.slice(1).forEach((band, index) => {
      const before = (bands[index] as (typeof bands)[number]).counts;
      band.counts.forEach((count, day) => {
        expect(count).toBeLessThanOrEqual(before[day] as number);
      });
    });
    // Every card arrived at the first group, so the first band ends at the card count.
    expect(bands[0]?.counts.at(-1) ?? 0).toBe(flows.length);
  });

  it('throughput per day and per week adds up to the finished cards', () => {
    const total = (points: readonly { finished: number }[]) =>
      points.reduce((sum, point) => sum + point.finished, 0);
    expect(total(throughput(flows))).toBe(finished.length);
    expect(total(throughput(flows, { period: 'week' }))).toBe(finished.length);
    // Finished means being at or past the finish lane now.
    const last = new Map<string, CardPosition>();
    for (const position of board.positions) {
      const seen = last.get(position.cardId);
      if (!seen || position.entered > seen.entered) last.set(position.cardId, position);
    }
    const done = [...last.values()].filter(
      (position) => (workflow.order.get(position.laneId) as number) >= workflow.finish,
    );
    expect(finished.length).toBe(done.length);
  });

  it('cycle times are at least 1 day; percentiles rise with p and are cycle times', () => {
    const times = finished.map((flow) => flow.cycleTime as number);
    for (const time of times) expect(time).toBeGreaterThanOrEqual(1);
    const lines = percentiles(times, [10, 50, 70, 85, 95, 100]);
    expect(lines.length).toBe(times.length < 5 ? 0 : 6);
    lines.slice(1).forEach((line, index) => {
      expect(line.value).toBeGreaterThanOrEqual((lines[index] as (typeof lines)[number]).value);
    });
    for (const line of lines) expect(times).toContain(line.value);
  });

  it('leaving blocked days out never lengthens a cycle time or an age', () => {
    const unblocked = cardFlows(board.positions, workflow, {
      today: board.today,
      timeZone,
      blocked: board.blocked,
    });
    unblocked.forEach((flow, index) => {
      const counted = flows[index];
      expect(flow.cardId).toBe(counted?.cardId);
      if (flow.cycleTime !== null) {
        expect(flow.cycleTime).toBeGreaterThanOrEqual(1);
        expect(flow.cycleTime).toBeLessThanOrEqual(counted?.cycleTime as number);
      }
    });
    const ages = new Map(agingWip(flows, board.today).map((card) => [card.cardId, card.age]));
    for (const card of agingWip(unblocked, board.today)) {
      expect(card.age).toBeGreaterThanOrEqual(1);
      expect(card.age).toBeLessThanOrEqual(ages.get(card.cardId) as number);
    }
  });

  it('counts as blocked each day from start to finish (or today) that any span blocks, once', () => {
    const unblocked = cardFlows(board.positions, workflow, {
      today: board.today,
      timeZone,
      blocked: board.blocked,
    });
    for (const flow of unblocked) {
      if (flow.startDay === null) continue;
      const last = flow.finishDay ?? board.today;
      let days = 0;
      for (let day = flow.startDay; day <= last; day++) {
        const blocked = board.blocked.some(
          (span) =>
            span.cardId === flow.cardId &&
            span.startDay <= day &&
            day < (span.endDay === null ? board.today + 1 : span.endDay),
        );
        if (blocked) days++;
      }
      expect(flow.blockedDays).toBe(days);
    }
  });

  it('ages every started, unfinished card, at least 1 day', () => {
    const aging = agingWip(flows, board.today);
    expect(aging.length).toBe(
      flows.filter((flow) => flow.startDay !== null && flow.finishDay === null).length,
    );
    for (const card of aging) expect(card.age).toBeGreaterThanOrEqual(1);
  });

  it('lists aging cards oldest first, cards of one age by card id', () => {
    const aging = agingWip(flows, board.today);
    aging.slice(1).forEach((card, index) => {
      const before = aging[index] as (typeof aging)[number];
      expect(
        before.age > card.age || (before.age === card.age && before.cardId < card.cardId),
      ).toBe(true);
    });
  });
});

describe.each(SEEDS.slice(0, 6))('Monte Carlo on random board %i', (seed) => {
  const board = randomBoard(seed);
  const flows = cardFlows(board.positions, workflowOf(board), { today: board.today });
  const daily = throughput(flows).map((point) => point.finished);

  it('is reproducible from its seed, and 50% ≤ 85% ≤ 95% likely', () => {
    const when = forecastWhen(daily, 30, { seed });
    expect(forecastWhen(daily, 30, { seed })).toEqual(when);
    if (when) {
      const [fifty, eightyFive, ninetyFive] = when.map((forecast) => forecast.value);
      expect(fifty).toBeLessThanOrEqual(eightyFive as number);
      expect(eightyFive).toBeLessThanOrEqual(ninetyFive as number);
    }
    const howMany = forecastHowMany(daily, 28, { seed });
    expect(forecastHowMany(daily, 28, { seed })).toEqual(howMany);
    if (howMany) {
      // More likely means fewer cards promised.
      const [fifty, eightyFive, ninetyFive] = howMany.map((forecast) => forecast.value);
      expect(fifty).toBeGreaterThanOrEqual(eightyFive as number);
      expect(eightyFive).toBeGreaterThanOrEqual(ninetyFive as number);
    }
  });
});
