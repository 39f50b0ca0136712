import { describe, expect, it } from 'vitest';
import { agingWip } from '../agingWip';
import { parseBlockedSpans, parseCardPositions, parseCards, parseLanes } from '../boardHistory';
import { DAY_MS, formatDay, parseLeanKitDate } from '../calendarDays';
import { cumulativeFlow } from '../cumulativeFlow';
import { type CardFlow, type CycleTimeOptions, cardFlows } from '../cycleTime';
import { percentiles } from '../percentiles';
import { throughput } from '../throughput';
import { createWorkflow, type Workflow, type WorkflowChoice } from '../workflow';
import { blockedRows, cardRows, LANE, laneRows, positionRows, TODAY } from './handWorkedBoard';

/** Every expected number below is worked out by hand from the board in handWorkedBoard.ts. */

const day = (text: string): number => parseLeanKitDate(text) / DAY_MS;
const lanes = parseLanes(laneRows);
const positions = parseCardPositions(positionRows);
const blocked = parseBlockedSpans(blockedRows);
const today = day(TODAY);

function workflowOf(choice: WorkflowChoice = {}): Workflow {
  const workflow = createWorkflow(lanes.records, choice);
  if (!workflow) throw new Error('the hand-worked board has a workflow');
  return workflow;
}

function flowsOf(choice: WorkflowChoice = {}, options: Partial<CycleTimeOptions> = {}): CardFlow[] {
  return cardFlows(positions.records, workflowOf(choice), { today, ...options });
}

/** Each card's start day, finish day and cycle time, as `YYYY-MM-DD` for reading. */
function summary(flows: readonly CardFlow[]): Record<string, [string, string, number | null]> {
  const show = (value: number | null) => (value === null ? '-' : formatDay(value));
  return Object.fromEntries(
    flows.map((flow) => [
      flow.cardId,
      [show(flow.startDay), show(flow.finishDay), flow.cycleTime] as [
        string,
        string,
        number | null,
      ],
    ]),
  );
}

describe('reading the reports', () => {
  it('reads the lanes and skips the one without an id', () => {
    expect(lanes.skipped).toBe(1);
    expect(lanes.records).toHaveLength(7);
    // Done came as JSON (a boolean), Archive as text; both are where work is done.
    const done = lanes.records.find((lane) => lane.id === LANE.done);
    expect(done).toMatchObject({ parentId: null, position: 3, isCompleted: true });
    expect(lanes.records.find((lane) => lane.id === LANE.build)?.parentId).toBe(LANE.inProgress);
  });

  it('reads 31 card positions in LeanKit’s date forms and skips the 3 bad ones', () => {
    // A 5 + B 6 + C 3 + D 3 + E 4 + F 4 + G 1 + H 4 = 30, plus Y's in an unknown lane.
    expect(positions.records).toHaveLength(31);
    expect(positions.skipped).toBe(3);
    const ready = positions.records.find((p) => p.cardId === 'A' && p.laneId === LANE.ready);
    expect(ready).toEqual({
      cardId: 'A',
      laneId: LANE.ready,
      entered: Date.UTC(2026, 2, 1, 23, 30),
      exited: Date.UTC(2026, 2, 3, 10),
    });
    const current = positions.records.find((p) => p.cardId === 'D' && p.laneId === LANE.build);
    expect(current?.exited).toBeNull();
  });

  it('reads cards: an empty size is 0, a malformed optional date is empty', () => {
    expect(parseCards(cardRows)).toEqual({
      records: [
        {
          id: 'F',
          title: 'Archived card',
          typeId: '7',
          type: 'Defect',
          size: 3,
          priority: 'high',
          actualStart: Date.UTC(2026, 2, 4, 10),
          actualFinish: Date.UTC(2026, 2, 6, 10),
          archived: Date.UTC(2026, 2, 9, 10),
          currentLaneId: LANE.archive,
        },
        {
          id: 'D',
          title: 'Card in progress',
          typeId: '8',
          type: 'Feature',
          size: 0,
          priority: 'normal',
          actualStart: Date.UTC(2026, 2, 8, 10),
          actualFinish: null,
          archived: null,
          currentLaneId: LANE.build,
        },
      ],
      skipped: 1,
    });
  });

  it('reads blocked spans as calendar days, an open one without an end', () => {
    expect(blocked).toEqual({
      records: [
        { cardId: 'E', startDay: day('2026-03-03'), endDay: day('2026-03-05') },
        { cardId: 'D', startDay: day('2026-03-09'), endDay: null },
      ],
      skipped: 1,
    });
  });
});

describe('the workflow', () => {
  it('orders the lane tree as the board shows it, with the default start and finish', () => {
    const workflow = workflowOf();
    expect(workflow.lanes.map((lane) => lane.title)).toEqual([
      'Backlog',
      'Ready',
      'In Progress',
      'Build',
      'Review',
      'Done',
      'Archive',
    ]);
    // Ready is the first active lane; Done the first completed lane after it.
    expect(workflow.lanes[workflow.start]?.title).toBe('Ready');
    expect(workflow.lanes[workflow.finish]?.title).toBe('Done');
    expect(workflow.groups.map((group) => [group.title, group.first, group.last])).toEqual([
      ['Backlog', 0, 0],
      ['Ready', 1, 1],
      ['In Progress', 2, 4],
      ['Done', 5, 5],
      ['Archive', 6, 6],
    ]);
  });

  it('takes the chosen lanes, and has no workflow when the finish is not after the start', () => {
    const workflow = workflowOf({ startLaneId: LANE.build, finishLaneId: LANE.archive });
    expect([workflow.start, workflow.finish]).toEqual([3, 6]);
    // A start past Done, and no finish chosen: the first completed lane after it, Archive.
    expect(workflowOf({ startLaneId: LANE.done }).finish).toBe(6);
    expect(
      createWorkflow(lanes.records, { startLaneId: LANE.done, finishLaneId: LANE.ready }),
    ).toBe(null);
  });
});

describe('cycle times', () => {
  it('follows every card by the default lanes, in UTC', () => {
    expect(summary(flowsOf())).toEqual({
      // Ready 03-01 (23:30 UTC) to Done 03-06: 6 − 1 + 1 = 6.
      A: ['2026-03-01', '2026-03-06', 6],
      // Moving back to Build changes nothing: Ready 03-02 to Done 03-09 = 8.
      B: ['2026-03-02', '2026-03-09', 8],
      // Skipped Ready: starts on landing in Review, past it, 03-04; Done 03-05 = 2.
      C: ['2026-03-04', '2026-03-05', 2],
      // Started in Ready 03-05, still in Build.
      D: ['2026-03-05', '-', null],
      // Ready 03-01 to Done 03-08 = 8 (blocked time counts by default).
      E: ['2026-03-01', '2026-03-08', 8],
      // Done 03-06, later archived (past Done): Ready 03-03 to 03-06 = 4.
      F: ['2026-03-03', '2026-03-06', 4],
      // Never left the backlog.
      G: ['-', '-', null],
      // Done 03-03, reopened 03-04, done again 03-06: Ready 03-01 to 03-06 = 6.
      H: ['2026-03-01', '2026-03-06', 6],
    });
  });

  it('says which cards moved backwards, and leaves out lanes the workflow does not know', () => {
    const flows = flowsOf();
    expect(flows.filter((flow) => flow.movedBackwards).map((flow) => flow.cardId)).toEqual([
      'B',
      'H',
    ]);
    expect(flows.map((flow) => flow.cardId)).not.toContain('Y');
    expect(flows.find((flow) => flow.cardId === 'F')?.currentLaneId).toBe(LANE.archive);
  });

  it('counts days in the chosen time zone', () => {
    // In Tokyo (UTC+9) A enters Ready on 03-02 at 08:30 and Done on 03-06 at 19:00: 6 − 2 + 1 = 5.
    // Every other move, at 10:00 UTC, is 19:00 the same day in Tokyo: nothing else changes.
    const tokyo = summary(flowsOf({}, { timeZone: 'Asia/Tokyo' }));
    expect(tokyo.A).toEqual(['2026-03-02', '2026-03-06', 5]);
    expect({ ...tokyo, A: null }).toEqual({ ...summary(flowsOf()), A: null });
  });

  it('leaves blocked days out when asked', () => {
    const flows = flowsOf({}, { blocked: blocked.records });
    // E was blocked 03-03 and 03-04 (unblocked 03-05, a working day): 8 − 2 = 6.
    expect(summary(flows).E).toEqual(['2026-03-01', '2026-03-08', 6]);
    // D is blocked since 03-09, still today (03-10): 2 days.
    expect(flows.find((flow) => flow.cardId === 'D')?.blockedDays).toBe(2);
    expect(flows.filter((flow) => flow.blockedDays > 0).map((flow) => flow.cardId)).toEqual([
      'D',
      'E',
    ]);
  });

  it('counts a day blocked by several spans once: overlapping, nested, touching', () => {
    const spans = (ranges: [string, string | null][]) =>
      ranges.map(([from, to]) => ({
        cardId: 'E',
        startDay: day(from),
        endDay: to === null ? null : day(to),
      }));
    const blockedDaysOfE = (ranges: [string, string | null][]) =>
      flowsOf({}, { blocked: spans(ranges) }).find((flow) => flow.cardId === 'E')?.blockedDays;
    // E works from 03-01 to 03-08. Overlapping: 03-02 to 03-05 and 03-04 to 03-07 block 02..06.
    expect(
      blockedDaysOfE([
        ['2026-03-02', '2026-03-05'],
        ['2026-03-04', '2026-03-07'],
      ]),
    ).toBe(5);
    // Nested, given last first: 03-03..03-04 inside 03-02..03-06.
    expect(
      blockedDaysOfE([
        ['2026-03-03', '2026-03-05'],
        ['2026-03-02', '2026-03-07'],
      ]),
    ).toBe(5);
    // Touching: 03-02..03-03 then 03-04..03-05, and one before the start cut at 03-01.
    expect(
      blockedDaysOfE([
        ['2026-03-04', '2026-03-06'],
        ['2026-02-20', '2026-03-02'],
        ['2026-03-02', '2026-03-04'],
      ]),
    ).toBe(5);
    // Open: blocked from 03-07 through its finish day 03-08, not to today.
    expect(blockedDaysOfE([['2026-03-07', null]])).toBe(2);
  });

  it('changes with the start and finish lanes', () => {
    // Start at Build: A 03-03; C lands in Review (past Build) 03-04; H lands in Done 03-03.
    expect(summary(flowsOf({ startLaneId: LANE.build }))).toMatchObject({
      A: ['2026-03-03', '2026-03-06', 4],
      C: ['2026-03-04', '2026-03-05', 2],
      H: ['2026-03-03', '2026-03-06', 4],
    });
    // Finish at Archive: only F is done (Ready 03-03 to Archive 03-09 = 7).
    const archived = flowsOf({ finishLaneId: LANE.archive }).filter((f) => f.cycleTime !== null);
    expect(summary(archived)).toEqual({ F: ['2026-03-03', '2026-03-09', 7] });
  });

  it('accepts a parent lane as the start: entering its first sub-lane starts the work', () => {
    // In Progress itself holds no card; A enters Build 03-03, B Build 03-03, E Build 03-02.
    expect(summary(flowsOf({ startLaneId: LANE.inProgress }))).toMatchObject({
      A: ['2026-03-03', '2026-03-06', 4],
      B: ['2026-03-03', '2026-03-09', 7],
      E: ['2026-03-02', '2026-03-08', 7],
    });
  });
});

describe('percentiles of the cycle times', () => {
  const times = (flows: readonly CardFlow[]) =>
    flows.flatMap((flow) => (flow.cycleTime === null ? [] : [flow.cycleTime]));

  it('by nearest rank over the 6 finished cards', () => {
    // Sorted: 2 4 6 6 8 8. Ranks ceil(p/100 × 6): 50 → 3, 70 → 5 (4.2), 85 → 6 (5.1), 95 → 6.
    expect(percentiles(times(flowsOf()))).toEqual([
      { p: 50, value: 6 },
      { p: 70, value: 8 },
      { p: 85, value: 8 },
      { p: 95, value: 8 },
    ]);
    // Blocked days out, E is 6: 2 4 6 6 6 8, so the 70th is 6.
    expect(percentiles(times(flowsOf({}, { blocked: blocked.records })))[1]).toEqual({
      p: 70,
      value: 6,
    });
  });

  it('draws none with fewer than 5 finished cards', () => {
    // Finish at Archive: only F.
    expect(percentiles(times(flowsOf({ finishLaneId: LANE.archive })))).toEqual([]);
  });
});

describe('throughput', () => {
  // Finish days: C 03-05; A, F, H 03-06; E 03-08; B 03-09.
  it('per day, the day nothing finished included', () => {
    expect(throughput(flowsOf()).map((point) => [formatDay(point.start), point.finished])).toEqual([
      ['2026-03-05', 1],
      ['2026-03-06', 3],
      ['2026-03-07', 0],
      ['2026-03-08', 1],
      ['2026-03-09', 1],
    ]);
  });

  it('per week from Monday, over a chosen range', () => {
    // 03-01 is a Sunday, so its week starts Monday 02-23; 03-15 ends the week of 03-09.
    const weeks = throughput(flowsOf(), {
      period: 'week',
      from: day('2026-03-01'),
      to: day('2026-03-15'),
    });
    expect(weeks.map((point) => [formatDay(point.start), point.finished])).toEqual([
      ['2026-02-23', 0],
      ['2026-03-02', 5],
      ['2026-03-09', 1],
    ]);
  });
});

describe('aging work in progress', () => {
  it('ages the started, unfinished card by today, in its current lane group', () => {
    // D started 03-05, today 03-10: 10 − 5 + 1 = 6, in In Progress (group 2). G never started.
    expect(agingWip(flowsOf(), today)).toEqual([
      {
        cardId: 'D',
        age: 6,
        startDay: day('2026-03-05'),
        currentLaneId: LANE.build,
        currentGroup: 2,
      },
    ]);
    // Blocked 03-09 and 03-10 left out: 6 − 2 = 4.
    expect(agingWip(flowsOf({}, { blocked: blocked.records }), today)[0]?.age).toBe(4);
  });
});

describe('cumulative flow', () => {
  it('counts the cards arrived at or past each lane group by the end of each day', () => {
    const flow = cumulativeFlow(positions.records, workflowOf(), {
      from: day('2026-03-01'),
      to: day('2026-03-10'),
    });
    expect(formatDay(flow.firstDay)).toBe('2026-03-01');
    expect(Object.fromEntries(flow.bands.map((band) => [band.title, band.counts]))).toEqual({
      //          01 02 03 04 05 06 07 08 09 10
      // Backlog or past: A C E H on 01, B 02, D F 03, G 07.
      Backlog: [4, 5, 7, 7, 7, 7, 8, 8, 8, 8],
      // Ready or past: A E H 01, B 02, F 03, C 04 (skipped Ready, landed in Review), D 05.
      Ready: [3, 4, 5, 6, 7, 7, 7, 7, 7, 7],
      // In Progress or past: E 02, A B H 03 (H straight to Done), C F 04, D 08.
      'In Progress': [0, 1, 4, 6, 6, 6, 6, 7, 7, 7],
      // Done or past: H 03 (its first arrival: it never goes down when H moves back), C 05,
      // A F 06, E 08, B 09.
      Done: [0, 0, 1, 1, 2, 4, 4, 5, 6, 6],
      Archive: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    });
  });

  it('counts earlier arrivals in a range’s first day', () => {
    const flow = cumulativeFlow(positions.records, workflowOf(), {
      from: day('2026-03-05'),
      to: day('2026-03-06'),
    });
    expect(flow.bands.map((band) => band.counts)).toEqual([
      [7, 7],
      [7, 7],
      [6, 6],
      [2, 4],
      [0, 0],
    ]);
  });
});
