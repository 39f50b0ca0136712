// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { AUTH_URL, decodeJwt } from './testing';

const LOGIN_FAILED =
  '{"statusCode":401,"error":"Unauthorized","message":"Login failed: email or password is incorrect"}';

let sim: Simulator;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  sim = await startSimulator();
  fetch = simulatorFetch(sim);
});
afterAll(() => sim.close());

function postJson(body: unknown, url = AUTH_URL): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('POST /io/reporting/auth', () => {
  it('returns an HS256 JWT with the documented claims and an ISO expiry', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await postJson({
      email: sim.demo.email,
      password: sim.demo.password,
      accountName: 'acme',
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as { token: string; expires: string };
    expect(Object.keys(body).sort()).toEqual(['expires', 'token']);
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const { header, payload } = decodeJwt(body.token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      id: expect.stringMatching(/^\d{10}$/),
      name: sim.demo.name,
      email: sim.demo.email,
      orgId: expect.stringMatching(/^\d{10}$/),
      cacheExpiration: 1440,
      iat: expect.any(Number),
      exp: expect.any(Number),
      iss: 'leankit-reporting-api',
      aud: 'leankit-reporting-api',
    });
    const { iat, exp } = payload as { iat: number; exp: number };
    expect(iat).toBeGreaterThanOrEqual(before);
    expect(exp - iat).toBe(600);
    expect(body.expires).toBe(new Date(exp * 1000).toISOString());
  });

  it('accepts a form-encoded body and a missing accountName', async () => {
    const response = await fetch(AUTH_URL, {
      method: 'POST',
      body: new URLSearchParams({ email: sim.demo.email, password: sim.demo.password }),
    });
    expect(response.status).toBe(200);
  });

  it('matches the e-mail case-insensitively', async () => {
    const response = await postJson({
      email: sim.demo.email.toUpperCase(),
      password: sim.demo.password,
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['a wrong password', { password: 'wrong' }, AUTH_URL],
    ['an unknown e-mail', { email: 'nobody@acme.test' }, AUTH_URL],
    ['another accountName', { accountName: 'globex' }, AUTH_URL],
    ['an unknown account host', {}, 'https://globex.leankit.com/io/reporting/auth'],
  ])('answers %s with the documented 401 body', async (_, override, url) => {
    const response = await postJson(
      { email: sim.demo.email, password: sim.demo.password, accountName: 'acme', ...override },
      url,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toBe(LOGIN_FAILED);
  });

  it.each([
    ['no password', JSON.stringify({ email: 'demo@acme.test' })],
    ['no email', JSON.stringify({ password: 'x' })],
    ['an empty email', JSON.stringify({ email: '', password: 'x' })],
    ['a body that is not JSON', '{email:'],
    ['an empty body', ''],
  ])('answers %s with 400 in the Boom shape', async (_, body) => {
    const response = await fetch(AUTH_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.any(String),
    });
  });

  it('is POST only', async () => {
    const response = await fetch(AUTH_URL);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(
      '{"statusCode":404,"error":"Not Found","message":"Not Found"}',
    );
  });
});
