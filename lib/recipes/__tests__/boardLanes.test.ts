// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import { laneOptionsFromRows, loadBoardLanes } from '../boardLanes';
import { filterLanes, type LaneOption, lanesByBoard } from '../laneOptions';

let sim: Simulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 3, cardsPerBoard: 0 });
  token = await signIn(simulatorFetch(sim), sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  fakeBrowser.reset();
  sim.faults.clear();
});

const load = (boardIds: string[]) =>
  loadBoardLanes({
    fetch: simulatorFetch(sim),
    origin: `https://${sim.demo.host}`,
    token,
    boardIds,
  });

/** The `lanes` report as the simulator serves it, read plainly: the reference for `load`. */
async function servedLanes(boardIds: string[]): Promise<Record<string, unknown>[]> {
  const body = await sim.body(
    `/io/reporting/export/lanes?format=json&boardId=${boardIds.join(',')}`,
  );
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>[];
}

describe('laneOptionsFromRows', () => {
  it('lists lanes that hold cards by full title, in the order served, skipping rows it cannot use', () => {
    expect(
      laneOptionsFromRows([
        {
          laneId: '1',
          laneTitle: 'Backlog',
          fullLaneTitle: 'Backlog',
          boardId: '9',
          boardTitle: 'Ops',
        },
        {
          laneId: '2',
          laneTitle: 'Doing',
          fullLaneTitle: 'Doing',
          boardId: '9',
          hasChildLanes: true,
        },
        {
          laneId: '3',
          laneTitle: 'Build',
          fullLaneTitle: 'Doing - Build',
          boardId: 9,
          boardTitle: 'Ops',
        },
        { laneId: 4, laneTitle: 'Parked', canHoldCards: false, boardId: '9' },
        { laneId: '5', laneTitle: 'Done', fullLaneTitle: '  ', boardId: '9', boardTitle: 'Ops' },
        { laneId: '6', boardId: '', boardTitle: '' },
        { laneId: 'x', laneTitle: 'Bad id' },
        null,
        { laneId: '1', laneTitle: 'Again', boardId: '9' },
      ]),
    ).toEqual([
      { id: '1', title: 'Backlog', boardId: '9', boardTitle: 'Ops' },
      { id: '3', title: 'Doing - Build', boardId: '9', boardTitle: 'Ops' },
      { id: '5', title: 'Done', boardId: '9', boardTitle: 'Ops' },
      { id: '6', title: 'Lane 6', boardId: '', boardTitle: 'Unknown board' },
    ]);
  });

  it('refuses an answer that is not a list of lanes', () => {
    expect(() => laneOptionsFromRows({ lanes: [] })).toThrow(/cannot read/);
  });
});

describe('loadBoardLanes', () => {
  it('lists the lanes of the boards asked for, from one lanes report request', async () => {
    const boardIds = sim.boards.slice(0, 2).map((board) => board.id);
    const since = sim.requests.length;
    const lanes = await load(boardIds);
    expect(sim.requests.slice(since).map((r) => [r.path, r.query])).toEqual([
      ['/io/reporting/export/lanes', { format: 'json', boardId: boardIds.join(',') }],
    ]);
    const served = await servedLanes(boardIds);
    const holding = served.filter((row) => row.canHoldCards === true);
    expect(lanes.map((lane) => lane.id)).toEqual(holding.map((row) => row.laneId));
    expect(lanes[0]).toEqual({
      id: holding[0]?.laneId,
      title: holding[0]?.fullLaneTitle,
      boardId: holding[0]?.boardId,
      boardTitle: holding[0]?.boardTitle,
    });
    expect(new Set(lanes.map((lane) => lane.boardId))).toEqual(new Set(boardIds));
  });

  it('needs boards: the lanes of a whole account are too many to pick from', async () => {
    const since = sim.requests.length;
    await expect(load([])).rejects.toMatchObject({ kind: 'bad-request' });
    expect(sim.requests.length).toBe(since);
  });

  it.each([
    [{ kind: 'expire-tokens' }, 'token-expired'],
    [{ kind: 'status', status: 500 }, 'server'],
  ] as const)('fails with LeanKit’s error when it answers %j', async (fault, kind) => {
    sim.faults.add({ fault, path: '/io/reporting/export/lanes' });
    await expect(load([sim.boards[0]?.id ?? ''])).rejects.toMatchObject({ kind });
  });
});

describe('the picker’s lane list', () => {
  const lanes: LaneOption[] = [
    { id: '11', title: 'Backlog', boardId: '1', boardTitle: 'Sprint Board' },
    { id: '12', title: 'In Progress - Build', boardId: '1', boardTitle: 'Sprint Board' },
    { id: '21', title: 'Backlog', boardId: '2', boardTitle: 'Ops Board' },
  ];

  it.each([
    ['', ['11', '12', '21']],
    ['backlog', ['11', '21']],
    ['ops BACK', ['21']],
    ['progress build', ['12']],
    ['12', ['12']],
    ['nothing', []],
  ])('finds %j', (query, ids) => {
    expect(filterLanes(lanes, query).map((lane) => lane.id)).toEqual(ids);
  });

  it('groups lanes by board, boards in the order served', () => {
    expect(
      lanesByBoard(lanes).map((board) => [board.boardTitle, board.lanes.map((lane) => lane.id)]),
    ).toEqual([
      ['Sprint Board', ['11', '12']],
      ['Ops Board', ['21']],
    ]);
  });
});
