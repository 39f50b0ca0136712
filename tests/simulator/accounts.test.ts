// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

let sim: Simulator;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  sim = await startSimulator({ boards: 3, cardsPerBoard: 10 });
  fetch = simulatorFetch(sim);
});
afterAll(() => sim.close());

async function tokenFor(host: string, email: string, password: string): Promise<string> {
  const response = await fetch(`https://${host}/io/reporting/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, accountName: host.split('.')[0] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

describe('an account without Advanced Reporting', () => {
  it('signs in, but every export answers 403 with a Boom body', async () => {
    const { host, email, password } = sim.noReporting;
    const token = await tokenFor(host, email, password);
    for (const path of ['cards.csv', 'boards.json', 'cards/blockedhistory?format=tab']) {
      const response = await fetch(`https://${host}/io/reporting/export/${path}`, bearer(token));
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.text()).toBe(
        '{"statusCode":403,"error":"Forbidden","message":"Advanced Reporting is not enabled for this account."}',
      );
    }
  });

  it('still answers 401 without a token and 404 for unknown reports', async () => {
    const origin = `https://${sim.noReporting.host}/io/reporting/export`;
    expect((await fetch(`${origin}/cards`)).status).toBe(401);
    expect((await fetch(`${origin}/nope`)).status).toBe(404);
  });

  it("its token does not open the demo account's exports", async () => {
    const { host, email, password } = sim.noReporting;
    const token = await tokenFor(host, email, password);
    expect((await fetch(`${EXPORT_URL}/cards`, bearer(token))).status).toBe(401);
  });
});

describe('a user who sees only some boards', () => {
  it('sees the boards at even positions in every board-scoped report', async () => {
    const token = await tokenFor(sim.demo.host, sim.viewer.email, sim.viewer.password);
    const [first, second, third] = sim.boards;
    expect(sim.viewer.boardIds).toEqual([first?.id, third?.id]);
    const json = async (path: string): Promise<Record<string, unknown>[]> =>
      (await (await fetch(`${EXPORT_URL}/${path}`, bearer(token))).json()) as Record<
        string,
        unknown
      >[];
    expect((await json('boards.json')).map((row) => row.boardId)).toEqual(sim.viewer.boardIds);
    expect(new Set((await json('cards.json')).map((row) => row.currentBoardId))).toEqual(
      new Set(sim.viewer.boardIds),
    );
    expect(new Set((await json('lanes.json')).map((row) => row.boardId))).toEqual(
      new Set(sim.viewer.boardIds),
    );
    expect(await json(`cards.json?boardId=${second?.id}`)).toEqual([]);
    expect(await json(`tags.json?boardId=${second?.id}`)).toEqual([]);
  });
});

describe('an account with more boards than one page of the board list', () => {
  it('pages its 1205 boards with limit and offset: distinct ids, none lost or repeated', async () => {
    const big = await startSimulator({ boards: 1205, cardsPerBoard: 0 });
    try {
      const fetchBig = simulatorFetch(big);
      const token = await signIn(fetchBig, big);
      const ids: string[] = [];
      for (const offset of [0, 1000, 2000]) {
        const page = await fetchBig(
          `${EXPORT_URL}/boards.json?offset=${offset}&limit=1000`,
          bearer(token),
        );
        ids.push(...((await page.json()) as { boardId: string }[]).map((row) => row.boardId));
      }
      expect(ids).toHaveLength(1205);
      expect(new Set(ids)).toEqual(new Set(big.boards.map((board) => board.id)));
      expect(new Set(big.boards.map((board) => board.title)).size).toBe(1205);
    } finally {
      await big.close();
    }
  });
});
