// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

const started: Simulator[] = [];
async function start(seed: number): Promise<Simulator> {
  const sim = await startSimulator({ seed });
  started.push(sim);
  return sim;
}
afterAll(() => Promise.all(started.map((sim) => sim.close())));

describe('determinism', () => {
  it('serves identical bytes for the same seed and different data for another', async () => {
    const [a, b, c] = await Promise.all([start(7), start(7), start(8)]);
    if (!a || !b || !c) throw new Error('three simulators expected');
    const fetch = simulatorFetch(a);
    const token = await signIn(fetch, a);
    const overNetwork = Buffer.from(
      await (await fetch(`${EXPORT_URL}/cards.csv`, bearer(token))).arrayBuffer(),
    );

    expect(b.boards).toEqual(a.boards);
    expect(overNetwork.equals(await b.body('/io/reporting/export/cards.csv'))).toBe(true);
    expect(c.boards).not.toEqual(a.boards);
    expect(overNetwork.equals(await c.body('/io/reporting/export/cards.csv'))).toBe(false);
  });
});
