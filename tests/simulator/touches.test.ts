// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../lib/reports';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { ORIGIN } from './testing';

type JsonRow = Record<string, string | number | boolean | null>;

const NOW = Date.UTC(2026, 10, 30, 12, 34, 56, 789);
const NOW_TEXT = '2026-11-30 12:34:56.7890000';
const OPTIONS = { seed: 3, boards: 2, cardsPerBoard: 30, now: () => NOW };

let sim: Simulator;
let untouched: Simulator;
let fetch: typeof globalThis.fetch;
beforeAll(async () => {
  [sim, untouched] = await Promise.all([startSimulator(OPTIONS), startSimulator(OPTIONS)]);
  fetch = simulatorFetch(sim);
});
afterAll(() => Promise.all([sim.close(), untouched.close()]));

const touch = (body: unknown): Promise<Response> =>
  fetch(`${ORIGIN}/__simulator/touch-cards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function json(of: Simulator, path: string): Promise<JsonRow[]> {
  return JSON.parse((await of.body(`/io/reporting/export/${path}`)).toString('utf8')) as JsonRow[];
}

describe('touching cards', () => {
  it('over HTTP: count cards spread over one board get "now" as lastActivityDate, nothing else changes', async () => {
    const board = sim.boards[1]?.id as string;
    const response = await touch({ count: 3, boardId: board });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { touched: string[]; lastActivityDate: string };
    expect(answer.lastActivityDate).toBe(NOW_TEXT);

    const before = await json(untouched, 'cards.json');
    const after = await json(sim, 'cards.json');
    const touchedRows = before.filter((card) => answer.touched.includes(String(card.cardId)));
    expect(touchedRows.map((card) => card.currentBoardId)).toEqual([board, board, board]);
    // Spread over the board: the 1st, 11th and 21st of its 30 cards.
    expect(touchedRows.map((card) => before.indexOf(card))).toEqual([30, 40, 50]);
    expect(after).toEqual(
      before.map((card) =>
        answer.touched.includes(String(card.cardId))
          ? { ...card, lastActivityDate: NOW_TEXT }
          : card,
      ),
    );
    expect(sim.requests.filter((entry) => entry.path.startsWith('/__simulator'))).toEqual([]);
  });

  it('shows touches in CSV and on a page that skips to them, and only in the cards report', async () => {
    const [first] = sim.touchCards({ count: 1 });
    expect(first).toBe((await json(untouched, 'cards.json'))[0]?.cardId);
    const csv = (await sim.body('/io/reporting/export/cards.csv')).toString('utf8');
    expect(csv.split('\r\n')[1]).toContain(`"${NOW_TEXT}"`);
    const page = await json(sim, 'cards.json?offset=40&limit=1');
    expect(page[0]?.lastActivityDate).toBe(NOW_TEXT);

    for (const report of REPORTS.filter(({ id }) => id !== 'cards')) {
      const path = `${report.path}.csv`;
      const [mine, theirs] = await Promise.all([
        sim.body(`/io/reporting/export/${path}`),
        untouched.body(`/io/reporting/export/${path}`),
      ]);
      expect(mine.equals(theirs), path).toBe(true);
    }
  });

  it('touches the cards named, and touches them again later', async () => {
    const cards = await json(untouched, 'cards.json');
    const named = [String(cards[5]?.cardId), String(cards[59]?.cardId)];
    const response = await touch({ cardIds: [...named, named[0]] });
    expect(await response.json()).toEqual({ touched: named, lastActivityDate: NOW_TEXT });
    const after = await json(sim, 'cards.json');
    expect(after[5]?.lastActivityDate).toBe(NOW_TEXT);
    expect(after[59]?.lastActivityDate).toBe(NOW_TEXT);
    expect(after[6]?.lastActivityDate).toBe(cards[6]?.lastActivityDate);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['neither cardIds nor count', {}],
    ['card ids that are not strings', { cardIds: [1] }],
    ['an unknown card id', { cardIds: ['123'] }],
    ['count 0', { count: 0 }],
    ['more cards than there are', { count: 61 }],
    ['a fractional count', { count: 1.5 }],
    ['an unknown board', { count: 1, boardId: '42' }],
    ['a board id that is not a string', { count: 1, boardId: 42 }],
  ])('answers %s with 400', async (_, body) => {
    const response = await touch(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('Bad Request');
  });

  it('refuses unknown cards in-process too', () => {
    expect(() => sim.touchCards({ cardIds: ['123'] })).toThrow(RangeError);
  });
});
