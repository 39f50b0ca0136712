// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

const MISSING = '{"statusCode":401,"error":"Unauthorized","message":"Missing authentication"}';
const INVALID = '{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}';
const CARDS = `${EXPORT_URL}/cards?limit=1`;

let clock = Date.UTC(2030, 0, 1);
let sim: Simulator;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  sim = await startSimulator({ tokenLifetimeSeconds: 600, now: () => clock });
  fetch = simulatorFetch(sim);
});
afterAll(() => sim.close());

async function statusAndBody(response: Response): Promise<[number, string]> {
  return [response.status, await response.text()];
}

describe('export authentication', () => {
  it('answers a request without a token with 401 Missing authentication', async () => {
    const response = await fetch(CARDS);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await statusAndBody(response)).toEqual([401, MISSING]);
    expect(await statusAndBody(await fetch(`${CARDS}&token=`))).toEqual([401, MISSING]);
  });

  it('accepts the token as a Bearer header or as ?token=', async () => {
    const token = await signIn(fetch, sim);
    expect((await fetch(CARDS, bearer(token))).status).toBe(200);
    expect((await fetch(`${CARDS}&token=${token}`)).status).toBe(200);
  });

  it('prefers the header when both are sent', async () => {
    const token = await signIn(fetch, sim);
    expect((await fetch(`${CARDS}&token=garbage`, bearer(token))).status).toBe(200);
    expect(await statusAndBody(await fetch(`${CARDS}&token=${token}`, bearer('garbage')))).toEqual([
      401,
      INVALID,
    ]);
  });

  it('rejects garbage and forged tokens with 401 Invalid token', async () => {
    const token = await signIn(fetch, sim);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number };
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 }));
    const forged = `${header}.${forgedPayload.toString('base64url')}.${signature}`;
    const unsigned = `${header}.${payload}.`;

    for (const bad of ['garbage', 'a.b.c', forged, unsigned]) {
      expect(await statusAndBody(await fetch(CARDS, bearer(bad)))).toEqual([401, INVALID]);
    }
  });

  it('rejects a token on another account host', async () => {
    const token = await signIn(fetch, sim);
    const response = await fetch(
      'https://globex.leankit.com/io/reporting/export/cards',
      bearer(token),
    );
    expect(await statusAndBody(response)).toEqual([401, INVALID]);
  });

  it('expires tokens by the injected clock', async () => {
    const token = await signIn(fetch, sim);
    clock += 599_000;
    expect((await fetch(CARDS, bearer(token))).status).toBe(200);
    clock += 1_000;
    expect(await statusAndBody(await fetch(CARDS, bearer(token)))).toEqual([401, INVALID]);
    expect(await statusAndBody(await fetch(`${CARDS}&token=${token}`))).toEqual([401, INVALID]);
  });

  it('invalidates every token issued so far on expireAllTokens()', async () => {
    const first = await signIn(fetch, sim);
    const second = await signIn(fetch, sim);
    sim.expireAllTokens();
    expect(await statusAndBody(await fetch(CARDS, bearer(first)))).toEqual([401, INVALID]);
    expect(await statusAndBody(await fetch(CARDS, bearer(second)))).toEqual([401, INVALID]);
    const fresh = await signIn(fetch, sim);
    expect((await fetch(CARDS, bearer(fresh))).status).toBe(200);
  });
});
