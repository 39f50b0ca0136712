// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import { activeBoardId } from '../activeBoard';
import {
  BOARD_PAGE_SIZE,
  boardOptionsFromRows,
  loadBoardList,
  MAX_BOARD_PAGES,
} from '../boardList';
import { filterBoards, incompleteBoardListText } from '../boardOptions';
import { boardListItem } from '../storage/items';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ boards: 4, cardsPerBoard: 2 });
});
afterAll(() => sim.close());
beforeEach(() => fakeBrowser.reset());

describe('board list', () => {
  it('reads boards report rows into options sorted by title, skipping rows it cannot use', () => {
    expect(
      boardOptionsFromRows([
        { boardId: '20', boardTitle: 'zeta' },
        { boardId: 10, boardTitle: 'Alpha' },
        { boardId: '30', boardTitle: '' },
        { boardId: 'x', boardTitle: 'Bad id' },
        null,
        { boardId: '10', boardTitle: 'Alpha' },
      ]),
    ).toEqual([
      { id: '10', title: 'Alpha' },
      { id: '30', title: 'Board 30' },
      { id: '20', title: 'zeta' },
    ]);
    expect(() => boardOptionsFromRows({ rows: [] })).toThrow(/cannot read/);
  });

  it('sorts titles in natural order: Support 2 before Support 10', () => {
    const titles = boardOptionsFromRows([
      { boardId: '1', boardTitle: 'Support 10' },
      { boardId: '2', boardTitle: 'support 2' },
      { boardId: '3', boardTitle: 'Support 1' },
      { boardId: '4', boardTitle: 'Ops' },
    ]).map((board) => board.title);
    expect(titles).toEqual(['Ops', 'Support 1', 'support 2', 'Support 10']);
  });

  it.each([
    ['', ['Sprint Board', 'Ops Board', 'Road map']],
    ['board', ['Sprint Board', 'Ops Board']],
    ['SPR bo', ['Sprint Board']],
    ['101', ['Sprint Board']],
    ['nothing', []],
  ])('filters by %j', (query, titles) => {
    const boards = [
      { id: '101', title: 'Sprint Board' },
      { id: '102', title: 'Ops Board' },
      { id: '103', title: 'Road map' },
    ];
    expect(filterBoards(boards, query).map((b) => b.title)).toEqual(titles);
  });

  it('loads the boards report once per account and session, then answers from the cache', async () => {
    const token = await signIn(simulatorFetch(sim), sim);
    const load = () =>
      loadBoardList({ fetch: simulatorFetch(sim), origin: `https://${sim.demo.host}`, token });
    const before = sim.requests.length;
    const list = await load();
    expect(list.complete).toBe(true);
    expect(new Set(list.boards.map((b) => b.id))).toEqual(new Set(sim.boards.map((b) => b.id)));
    expect(await load()).toEqual(list);
    expect(sim.requests.slice(before).map((r) => r.query)).toEqual([
      { format: 'json', offset: '0', limit: String(BOARD_PAGE_SIZE) },
    ]);
    expect(await fakeBrowser.storage.session.get(null)).toHaveProperty('boardList');
    expect(JSON.stringify(await boardListItem.getValue())).not.toContain(token);
  });

  it.each([
    [5, 2, ['0', '2', '4']],
    // A full last page needs one more request to learn that nothing follows.
    [4, 2, ['0', '2', '4']],
    [3, 10, ['0']],
  ])(
    '%i boards in pages of %i: asks at offsets %j and keeps every board once',
    async (count, pageSize, offsets) => {
      const many = await startSimulator({ boards: count, cardsPerBoard: 0 });
      try {
        const token = await signIn(simulatorFetch(many), many);
        const { boards, complete } = await loadBoardList({
          fetch: simulatorFetch(many),
          origin: `https://${many.demo.host}`,
          token,
          pageSize,
        });
        expect(complete).toBe(true);
        expect(boards.map((b) => b.id).sort()).toEqual(many.boards.map((b) => b.id).sort());
        const pages = many.requests.filter((r) => r.path.startsWith('/io/reporting/export/boards'));
        expect(pages.map((r) => r.query.offset)).toEqual(offsets);
        expect(pages.every((r) => r.query.limit === String(pageSize))).toBe(true);
      } finally {
        await many.close();
      }
    },
  );

  describe('a board list that does not end', () => {
    let many: Simulator;
    let token: string;
    beforeAll(async () => {
      many = await startSimulator({ boards: 7, cardsPerBoard: 0 });
      token = await signIn(simulatorFetch(many), many);
    });
    afterAll(() => many.close());
    beforeEach(() => many.faults.clear());

    const load = (maxPages?: number) =>
      loadBoardList({
        fetch: simulatorFetch(many),
        origin: `https://${many.demo.host}`,
        token,
        pageSize: 2,
        maxPages,
      });
    const offsetsAsked = (since: number) =>
      many.requests
        .slice(since)
        .filter((r) => r.path.startsWith('/io/reporting/export/boards'))
        .map((r) => r.query.offset);

    it('stops at the first page that brings no new board (a server that ignores offset), keeps what it got, and caches nothing', async () => {
      many.faults.add({ fault: { kind: 'ignore-offset' }, times: Infinity });
      const since = many.requests.length;
      const { boards, complete } = await load();
      expect(complete).toBe(false);
      expect(offsetsAsked(since)).toEqual(['0', '2']);
      const firstPage = await (
        await simulatorFetch(many)(
          `https://${many.demo.host}/io/reporting/export/boards?format=json&limit=2`,
          { headers: { Authorization: `Bearer ${token}` } },
        )
      ).json();
      expect(boards).toEqual(boardOptionsFromRows(firstPage));
      expect(await boardListItem.getValue()).toBeNull();
    });

    it('goes on past a page that repeats some boards but brings a new one', async () => {
      // The second page comes from offset 1: one board again, one new (as when a board is added
      // while the list loads).
      const pages = [
        [
          { boardId: '1', boardTitle: 'A' },
          { boardId: '2', boardTitle: 'B' },
        ],
        [
          { boardId: '2', boardTitle: 'B' },
          { boardId: '3', boardTitle: 'C' },
        ],
        [{ boardId: '4', boardTitle: 'D' }],
      ];
      let call = 0;
      const fetch = async () => Response.json(pages[call++]);
      const list = await loadBoardList({
        fetch,
        origin: 'https://acme.leankit.com',
        token: 't',
        pageSize: 2,
      });
      expect(list).toEqual({
        boards: ['1', '2', '3', '4'].map((id, i) => ({ id, title: 'ABCD'[i] })),
        complete: true,
      });
    });

    it('stops after the most pages it asks for, and says the list is incomplete', async () => {
      const since = many.requests.length;
      const { boards, complete } = await load(3);
      expect(complete).toBe(false);
      expect(boards).toHaveLength(6);
      expect(offsetsAsked(since)).toEqual(['0', '2', '4']);
    });

    it('fails with the timeout error, instead of loading forever, when a page never comes', async () => {
      let aborted = false;
      const fetch = (_url: unknown, init?: RequestInit) =>
        new Promise<Response>(() => {
          init?.signal?.addEventListener('abort', () => {
            aborted = true;
          });
        });
      const loading = loadBoardList({
        fetch,
        origin: 'https://acme.leankit.com',
        token: 't',
        stallTimeoutMs: 20,
      });
      await expect(loading).rejects.toMatchObject({
        kind: 'timeout',
        message: expect.stringMatching(/^acme\.leankit\.com sent nothing for 1 second\./),
      });
      expect(aborted).toBe(true);
    });

    it('asks for at most 50 pages of 1000 by default', () => {
      expect([MAX_BOARD_PAGES, BOARD_PAGE_SIZE]).toEqual([50, 1000]);
    });

    it('says what is missing and what still works', () => {
      expect(incompleteBoardListText(1000)).toBe(
        'LeanKit sent only part of the board list (1,000 boards listed here). An export of All boards still includes every board.',
      );
    });
  });

  it('refuses a page that is not a list of rows, and caches nothing', async () => {
    const fetch = async () => new Response('{"rows":[]}', { status: 200 });
    await expect(
      loadBoardList({ fetch, origin: 'https://acme.leankit.com', token: 't' }),
    ).rejects.toThrow(/cannot read/);
    expect(await boardListItem.getValue()).toBeNull();
  });
});

describe('activeBoardId', () => {
  const tabsShowing = (url?: string) => ({ query: async () => [{ url }] });

  it.each([
    ['https://acme.leankit.com/board/101', 'https://acme.leankit.com', '101'],
    ['https://acme.leankit.com/board/101?x=1', 'https://acme.leankit.com', '101'],
    ['https://other.leankit.com/board/101', 'https://acme.leankit.com', null],
    ['https://acme.leankit.com/dashboard', 'https://acme.leankit.com', null],
    [undefined, 'https://acme.leankit.com', null],
  ])('%s on %s → %s', async (url, origin, expected) => {
    expect(await activeBoardId(tabsShowing(url), origin)).toBe(expected);
  });

  it('is null when the tabs cannot be asked', async () => {
    const tabs = { query: async () => Promise.reject(new Error('no')) };
    expect(await activeBoardId(tabs, 'https://acme.leankit.com')).toBeNull();
  });
});
