// @vitest-environment node
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

let sim: Simulator;
let other: Simulator;

beforeAll(async () => {
  [sim, other] = await Promise.all([
    startSimulator({ boards: 1, cardsPerBoard: 50_000 }),
    startSimulator(),
  ]);
});
afterAll(() => Promise.all([sim.close(), other.close()]));

describe('simulatorFetch', () => {
  it('verifies TLS against the given certificate', async () => {
    const wrongCa = simulatorFetch({ port: sim.port, certificate: other.certificate });
    await expect(wrongCa(`${EXPORT_URL}/cards`)).rejects.toThrow(TypeError);
  });

  it('only serves https://*.leankit.com URLs and the other server', async () => {
    const fetch = simulatorFetch(sim);
    await expect(fetch('https://example.com/')).rejects.toThrow(TypeError);
    await expect(fetch('http://acme.leankit.com/')).rejects.toThrow(TypeError);
  });

  it('keeps the original host name in the Host header', async () => {
    const fetch = simulatorFetch(sim);
    await (await fetch('https://beta.leankit.com/io/reporting/export/cards')).text();
    expect(sim.requests.at(-1)?.host).toBe('beta.leankit.com');
  });

  it('aborts before the response and while the body streams', async () => {
    const fetch = simulatorFetch(sim);
    const token = await signIn(fetch, sim);
    await expect(fetch(`${EXPORT_URL}/cards`, { signal: AbortSignal.abort() })).rejects.toThrow(
      /abort/i,
    );

    const controller = new AbortController();
    const response = await fetch(`${EXPORT_URL}/cards`, {
      ...bearer(token),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    const drain = async (): Promise<void> => {
      for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {}
    };
    await expect(drain()).rejects.toThrow(/abort/i);
  });

  // A Request's own signal follows the caller's through a weak reference: once garbage collected,
  // an abort reached nobody and a stalled body was never let go (a flaky fault test).
  it('aborts a streaming body after a garbage collection', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const fetch = simulatorFetch(sim);
    const token = await signIn(fetch, sim);
    sim.faults.add({ fault: { kind: 'stall-after-bytes', bytes: 100 } });
    const controller = new AbortController();
    const response = await fetch(`${EXPORT_URL}/cards.csv`, {
      ...bearer(token),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    controller.abort();
    await expect(reader?.read()).rejects.toThrow(/abort/i);
  });
});
