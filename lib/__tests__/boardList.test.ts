// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import { activeBoardId } from '../activeBoard';
import { BOARD_PAGE_SIZE, boardOptionsFromRows, filterBoards, loadBoardList } from '../boardList';
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
    const boards = await load();
    expect(new Set(boards.map((b) => b.id))).toEqual(new Set(sim.boards.map((b) => b.id)));
    expect(await load()).toEqual(boards);
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
        const boards = await loadBoardList({
          fetch: simulatorFetch(many),
          origin: `https://${many.demo.host}`,
          token,
          pageSize,
        });
        expect(boards.map((b) => b.id).sort()).toEqual(many.boards.map((b) => b.id).sort());
        const pages = many.requests.filter((r) => r.path.startsWith('/io/reporting/export/boards'));
        expect(pages.map((r) => r.query.offset)).toEqual(offsets);
        expect(pages.every((r) => r.query.limit === String(pageSize))).toBe(true);
      } finally {
        await many.close();
      }
    },
  );

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
