// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

let sim: Simulator;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  sim = await startSimulator();
  fetch = simulatorFetch(sim);
});
afterAll(() => sim.close());

describe('request log', () => {
  it('records every request with its transport, status and size, never the token', async () => {
    const token = await signIn(fetch, sim);
    const viaQuery = await (await fetch(`${EXPORT_URL}/cards.csv?limit=2&token=${token}`)).text();
    const viaHeader = await (await fetch(`${EXPORT_URL}/boards.json`, bearer(token))).text();
    await (await fetch(`${EXPORT_URL}/cards`)).text();

    // Each entry is in the log before its response's last byte reaches the client.
    expect(sim.requests).toEqual([
      {
        method: 'POST',
        path: '/io/reporting/auth',
        query: {},
        tokenTransport: 'none',
        passwordReceived: true,
        status: 200,
        bytes: expect.any(Number),
        host: 'acme.leankit.com',
      },
      {
        method: 'GET',
        path: '/io/reporting/export/cards.csv',
        query: { limit: '2', token: '[redacted]' },
        tokenTransport: 'query',
        status: 200,
        bytes: Buffer.byteLength(viaQuery),
        host: 'acme.leankit.com',
      },
      {
        method: 'GET',
        path: '/io/reporting/export/boards.json',
        query: {},
        tokenTransport: 'header',
        status: 200,
        bytes: Buffer.byteLength(viaHeader),
        host: 'acme.leankit.com',
      },
      expect.objectContaining({ tokenTransport: 'none', status: 401 }),
    ]);
    const logged = JSON.stringify(sim.requests);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(token.split('.')[2]);
    expect(logged).not.toContain(sim.demo.password);
  });

  it('records faulted requests too: status, bytes sent, the fault, and still no token', async () => {
    const token = await signIn(fetch, sim);
    const since = sim.requests.length;
    sim.faults.add({ fault: { kind: 'status', status: 502, body: 'html' } });
    sim.faults.add({ fault: { kind: 'drop-after-bytes', bytes: 50 } });
    const page = await (await fetch(`${EXPORT_URL}/cards.csv?token=${token}`)).text();
    const dropped = await fetch(`${EXPORT_URL}/cards.tab?token=${token}`);
    await expect(dropped.text()).rejects.toThrow();
    await vi.waitFor(() => expect(sim.requests.length).toBe(since + 2));
    expect(sim.requests.slice(since)).toEqual([
      expect.objectContaining({
        path: '/io/reporting/export/cards.csv',
        query: { token: '[redacted]' },
        tokenTransport: 'query',
        status: 502,
        bytes: Buffer.byteLength(page),
        fault: 'status',
      }),
      expect.objectContaining({
        path: '/io/reporting/export/cards.tab',
        query: { token: '[redacted]' },
        status: 200,
        bytes: 50,
        fault: 'drop-after-bytes',
      }),
    ]);
    expect(JSON.stringify(sim.requests)).not.toContain(token.split('.')[2]);
  });
});
