// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

const CARDS = 200_000;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: CARDS / 2 });
});
afterAll(() => sim.close());

describe('large exports', () => {
  it('streams a 200k-card TAB export', { timeout: 120_000 }, async () => {
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
});
