// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

// Big sizes are measured by throughput.ts (npm run bench:simulator); this checks the streaming shape.
const CARDS = 20_000;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: CARDS / 2 });
});
afterAll(() => sim.close());

describe('large exports', () => {
  it('streams a TAB export in chunks, without Content-Length', async () => {
    const fetch = simulatorFetch(sim);
    const token = await signIn(fetch, sim);
    const response = await fetch(`${EXPORT_URL}/cards.tab`, bearer(token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();

    // TAB values never contain line breaks, so counting LF bytes counts rows.
    let lineFeeds = 0;
    let chunks = 0;
    const reader = response.body?.getReader();
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
      chunks++;
      for (const byte of part.value) if (byte === 10) lineFeeds++;
    }
    expect(lineFeeds).toBe(CARDS + 1);
    expect(chunks).toBeGreaterThan(1);
  });

  it('a deep offset starts at the right card of the right board', async () => {
    const tail = await sim.body(`/io/reporting/export/cards.json?offset=${CARDS - 2}`);
    const rows = JSON.parse(tail.toString('utf8')) as { cardId: string }[];
    const all = JSON.parse(
      (await sim.body(`/io/reporting/export/cards.json?boardId=${sim.boards[1]?.id}`)).toString(
        'utf8',
      ),
    ) as { cardId: string }[];
    expect(rows.map((row) => row.cardId)).toEqual(all.slice(-2).map((row) => row.cardId));
  });
});
