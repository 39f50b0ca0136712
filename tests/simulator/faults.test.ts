// @vitest-environment node
import { connect as tlsConnect } from 'node:tls';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BARE_QUOTE_VALUE } from './exports';
import { DEFAULT_NOTICE } from './faults';
import { simulatorFetch } from './fetch';
import { type FaultRule, type Simulator, startSimulator } from './index';
import { isOtherHost, OTHER_HOST, OTHER_HOST_BODY } from './otherHost';
import { AUTH_URL, bearer, EXPORT_URL, ORIGIN, signIn } from './testing';

let sim: Simulator;
let fetch: typeof globalThis.fetch;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 300 });
  fetch = simulatorFetch(sim);
  token = await signIn(fetch, sim);
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

const CARDS_CSV = `${EXPORT_URL}/cards.csv`;
const get = (url = CARDS_CSV): Promise<Response> => fetch(url, bearer(token));

/**
 * The log entry of the first faulted request to `path` after the log had `since` entries. An
 * aborted request is logged when the server sees its socket close, a moment after the abort; a
 * loaded machine may stretch that moment, so it waits up to 4 s, within the test's 5.
 */
async function loggedSince(since: number, path: string): Promise<Simulator['requests'][number]> {
  return vi.waitFor(
    () => {
      const entry = sim.requests
        .slice(since)
        .find((request) => request.path === path && request.fault !== undefined);
      if (!entry) throw new Error(`no log entry for ${path}`);
      return entry;
    },
    { timeout: 4_000, interval: 20 },
  );
}

type BodyReader = ReadableStreamDefaultReader<Uint8Array>;

/** Reads chunks until at least `bytes` bytes came, failing if the body ends first. */
async function readAtLeast(reader: BodyReader, bytes: number): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for (let received = 0; received < bytes; ) {
    const part = await reader.read();
    if (part.done) throw new Error(`the body ended after ${received} bytes`);
    chunks.push(part.value);
    received += part.value.length;
  }
  return chunks;
}

/** Reads the rest of a body. */
async function readRest(reader: BodyReader): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    chunks.push(part.value);
  }
  return chunks;
}

/** Reads a body to its end or its failure; how many bytes arrived and whether it broke. */
async function drain(response: Response): Promise<{ bytes: number; failed: boolean }> {
  let bytes = 0;
  const reader = response.body?.getReader();
  try {
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
      bytes += part.value.length;
    }
    return { bytes, failed: false };
  } catch {
    return { bytes, failed: true };
  }
}

describe('status faults', () => {
  it.each([
    [500, 'Internal Server Error', 'An internal server error occurred'],
    [502, 'Bad Gateway', 'Bad Gateway'],
    [503, 'Service Unavailable', 'Service Unavailable'],
    [429, 'Too Many Requests', 'Too Many Requests'],
  ])('%i with a Boom JSON body', async (status, error, message) => {
    sim.faults.add({ fault: { kind: 'status', status } });
    const since = sim.requests.length;
    const response = await get();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ statusCode: status, error, message });
    const logged = await loggedSince(since, '/io/reporting/export/cards.csv');
    expect(logged).toMatchObject({ status, fault: 'status' });
    const next = await get();
    expect(next.status).toBe(200);
    // Read to the end, so its log entry is written before the next test looks.
    await next.text();
  });

  it('a status fault can carry its own message', async () => {
    sim.faults.add({
      fault: { kind: 'status', status: 401, message: 'Missing authentication' },
    });
    const response = await get();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Missing authentication',
    });
  });

  it.each([500, 502, 503])('%i with a proxy HTML page', async (status) => {
    sim.faults.add({ fault: { kind: 'status', status, body: 'html' } });
    const response = await get();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/html');
    const page = await response.text();
    expect(page).toMatch(/^<html>\r\n<head><title>5\d\d [A-Za-z ]+<\/title>/);
    expect(page).toContain('<hr><center>nginx</center>');
    expect(() => JSON.parse(page)).toThrow();
  });

  it('429 and 503 carry Retry-After when asked', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    sim.faults.add({ fault: { kind: 'status', status: 503, body: 'html', retryAfterSeconds: 2 } });
    const first = await get();
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '7']);
    const second = await get();
    expect([second.status, second.headers.get('retry-after')]).toEqual([503, '2']);
    expect((await get()).headers.get('retry-after')).toBeNull();
  });
});

describe('rule matching', () => {
  it('after: 401 on the third page of a paged export, then the rule is used up', async () => {
    sim.faults.add({ fault: { kind: 'expire-tokens' }, after: 2 });
    const page = (offset: number): Promise<Response> =>
      get(`${EXPORT_URL}/cards.json?limit=100&offset=${offset}`);
    expect((await page(0)).status).toBe(200);
    expect((await page(100)).status).toBe(200);
    const third = await page(200);
    expect(third.status).toBe(401);
    expect(await third.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid token',
    });
    token = await signIn(fetch, sim);
    expect((await page(200)).status).toBe(200);
  });

  it('times and path: only matching paths, only so many times; Infinity until cleared', async () => {
    sim.faults.add({
      fault: { kind: 'status', status: 500 },
      path: '/io/reporting/export/lanes',
      times: 2,
    });
    sim.faults.add({ fault: { kind: 'status', status: 503 }, times: Infinity });
    expect((await get(`${EXPORT_URL}/lanes.csv`)).status).toBe(500);
    expect((await get(`${EXPORT_URL}/lanes.csv`)).status).toBe(500);
    expect((await get(`${EXPORT_URL}/lanes.csv`)).status).toBe(503);
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(503);
    sim.faults.clear();
    expect((await get()).status).toBe(200);
  });

  it('a rule can target sign-in', async () => {
    sim.faults.add({
      fault: { kind: 'status', status: 502, body: 'html' },
      path: '/io/reporting/auth',
    });
    await expect(signIn(fetch, sim)).rejects.toThrow('502');
    await expect(signIn(fetch, sim)).resolves.toEqual(expect.any(String));
  });

  it.each<[string, FaultRule]>([
    ['an unknown kind', { fault: { kind: 'nope' } as never }],
    ['a status below 400', { fault: { kind: 'status', status: 200 } }],
    ['zero times', { fault: { kind: 'empty' }, times: 0 }],
    ['a negative delay', { fault: { kind: 'slow-first-byte', delayMs: -1 } }],
  ])('rejects %s', (_, rule) => {
    expect(() => sim.faults.add(rule)).toThrow(TypeError);
  });
});

describe('timing and connection faults', () => {
  it('slow-first-byte holds the headers back (a timer, so long delays cost nothing)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      sim.faults.add({ fault: { kind: 'slow-first-byte', delayMs: 45_000 } });
      let answered = false;
      const pending = get().then((response) => {
        answered = true;
        return response;
      });
      await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0), { interval: 5 });
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(45_000);
      const response = await pending;
      expect(response.status).toBe(200);
      await response.body?.cancel();
    } finally {
      vi.useRealTimers();
    }
  });

  it('slow-body paces the body but delivers all of it', async () => {
    const whole = await (await get(`${EXPORT_URL}/lanes.csv`)).text();
    sim.faults.add({ fault: { kind: 'slow-body', bytesPerSecond: 40_000 } });
    const since = sim.requests.length;
    const response = await get(`${EXPORT_URL}/lanes.csv`);
    let reads = 0;
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
      reads++;
      chunks.push(part.value);
    }
    expect(Buffer.concat(chunks).toString('utf8')).toBe(whole);
    expect(reads).toBeGreaterThan(1);
    expect((await loggedSince(since, '/io/reporting/export/lanes.csv')).fault).toBe('slow-body');
  });

  it.each([
    ['a streamed export', CARDS_CSV, 1000],
    ['a streamed export, before any body byte', CARDS_CSV, 0],
    ['a fixed-length body', `${ORIGIN}/io/reporting/export/nope`, 10],
  ])('drop-after-bytes cuts %s short', async (_, url, bytes) => {
    sim.faults.add({ fault: { kind: 'drop-after-bytes', bytes } });
    const since = sim.requests.length;
    const response = await get(url);
    const received = await drain(response);
    expect(received).toEqual({ bytes, failed: true });
    const logged = await loggedSince(since, new URL(url).pathname);
    expect(logged).toMatchObject({ bytes, fault: 'drop-after-bytes' });
  });

  it('hold-after-bytes sends that many bytes, then the rest only once released', async () => {
    const whole = await (await get()).text();
    sim.faults.add({ fault: { kind: 'hold-after-bytes', bytes: 1000 } });
    const since = sim.requests.length;
    const reader = (await get()).body?.getReader();
    if (!reader) throw new Error('no body');
    const held = await readAtLeast(reader, 1000);
    expect(Buffer.concat(held).length).toBe(1000);
    expect(sim.requests.slice(since)).toEqual([]);

    sim.faults.release();
    const rest = await readRest(reader);
    expect(Buffer.concat([...held, ...rest]).toString('utf8')).toBe(whole);
    expect((await loggedSince(since, '/io/reporting/export/cards.csv')).fault).toBe(
      'hold-after-bytes',
    );
  });

  // Logged with exactly the bytes before the hold: nothing more was sent while it held.
  it('hold-after-bytes lets go of a client that goes away', async () => {
    sim.faults.add({ fault: { kind: 'hold-after-bytes', bytes: 10 } });
    const since = sim.requests.length;
    const controller = new AbortController();
    const response = await fetch(CARDS_CSV, { ...bearer(token), signal: controller.signal });
    await response.body?.getReader().read();
    controller.abort();
    expect(await loggedSince(since, '/io/reporting/export/cards.csv')).toMatchObject({
      bytes: 10,
      fault: 'hold-after-bytes',
    });
  });

  it('stall-after-bytes sends that many bytes, then nothing more, released or not, until the client goes away', async () => {
    sim.faults.add({ fault: { kind: 'stall-after-bytes', bytes: 1000 } });
    const since = sim.requests.length;
    const controller = new AbortController();
    const response = await fetch(CARDS_CSV, { ...bearer(token), signal: controller.signal });
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    expect(Buffer.concat(await readAtLeast(reader, 1000)).length).toBe(1000);
    sim.faults.release();
    // A whole export after the release: the stalled body still sent nothing more.
    await (await get()).text();
    expect(sim.requests.slice(since).map((r) => r.fault)).toEqual([undefined]);
    controller.abort();
    expect(await loggedSince(since, '/io/reporting/export/cards.csv')).toMatchObject({
      bytes: 1000,
      fault: 'stall-after-bytes',
    });
  });

  it('stall-after-bytes with 0 bytes sends the status and headers only', async () => {
    sim.faults.add({ fault: { kind: 'stall-after-bytes', bytes: 0 } });
    const since = sim.requests.length;
    const controller = new AbortController();
    const response = await fetch(CARDS_CSV, { ...bearer(token), signal: controller.signal });
    expect(response.status).toBe(200);
    controller.abort();
    expect(await loggedSince(since, '/io/reporting/export/cards.csv')).toMatchObject({
      bytes: 0,
      fault: 'stall-after-bytes',
    });
  });

  it('ignore-offset answers every offset with the first page', async () => {
    const boards = (query: string) =>
      get(`${EXPORT_URL}/boards.json?limit=1${query}`).then((r) => r.json());
    const first = await boards('');
    const second = await boards('&offset=1');
    expect(second).not.toEqual(first);
    sim.faults.add({ fault: { kind: 'ignore-offset' }, times: 2 });
    expect(await boards('&offset=1')).toEqual(first);
    expect(await boards('&offset=5')).toEqual(first);
    expect(await boards('&offset=1')).toEqual(second);
  });

  it('empty gives a valid export without rows in every format', async () => {
    sim.faults.add({ fault: { kind: 'empty' }, times: 3 });
    expect(await (await get()).text()).toMatch(/^"cardId","parentCardId",[^\n]*\r\n$/);
    expect(await (await get(`${EXPORT_URL}/cards.tab`)).text()).toMatch(/^cardId\t[^\n]*\r\n$/);
    expect(await (await get(`${EXPORT_URL}/tags.json`)).json()).toEqual([]);
    expect((await get(`${EXPORT_URL}/tags.json`)).status).toBe(200);
  });

  it('expire-tokens expires every token issued so far', async () => {
    sim.faults.add({ fault: { kind: 'expire-tokens' } });
    expect((await get()).status).toBe(401);
    expect((await get()).status).toBe(401);
    token = await signIn(fetch, sim);
    expect((await get()).status).toBe(200);
  });
});

describe('redirect faults', () => {
  const elsewhere = `https://${OTHER_HOST}/io/reporting/export/cards.csv`;
  const manual = (url = CARDS_CSV): Promise<Response> =>
    fetch(url, { ...bearer(token), redirect: 'manual' });

  it.each([301, 302, 303, 307, 308] as const)('%i points at the location', async (status) => {
    sim.faults.add({ fault: { kind: 'redirect', status, location: elsewhere } });
    const since = sim.requests.length;
    const response = await manual();
    expect([response.status, response.headers.get('location')]).toEqual([status, elsewhere]);
    await response.text();
    expect(await loggedSince(since, '/io/reporting/export/cards.csv')).toMatchObject({
      status,
      fault: 'redirect',
      host: 'acme.leankit.com',
    });
    const next = await manual();
    expect(next.status).toBe(200);
    // Read to the end, so its log entry is written before the next test looks.
    await next.text();
  });

  it('the other server answers, and the log shows the token a followed redirect took there', async () => {
    sim.faults.add({ fault: { kind: 'redirect', status: 302, location: elsewhere } });
    const since = sim.requests.length;
    const response = await get();
    expect(await response.text()).toBe(OTHER_HOST_BODY);
    expect(
      sim.requests
        .slice(since)
        .map(({ host, tokenTransport, status }) => ({ host, tokenTransport, status })),
    ).toEqual([
      { host: 'acme.leankit.com', tokenTransport: 'header', status: 302 },
      { host: OTHER_HOST, tokenTransport: 'header', status: 200 },
    ]);
  });

  it('a 307 takes a sign-in, password and all, to the other server, which allows the preflight', async () => {
    sim.faults.add({
      fault: { kind: 'redirect', status: 307, location: `https://${OTHER_HOST}/io/reporting/auth` },
      path: '/io/reporting/auth',
    });
    const since = sim.requests.length;
    const response = await fetch(AUTH_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: sim.demo.email, password: sim.demo.password }),
    });
    expect([response.url, await response.text()]).toEqual([
      `https://${OTHER_HOST}/io/reporting/auth`,
      OTHER_HOST_BODY,
    ]);
    const other = sim.requests.slice(since).filter((entry) => entry.host === OTHER_HOST);
    expect(other).toEqual([expect.objectContaining({ method: 'POST', passwordReceived: true })]);
    const preflight = await fetch(`https://${OTHER_HOST}/io/reporting/auth`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is that one host only: a company address (acme.example.com) reaches the account', () => {
    expect(isOtherHost(OTHER_HOST)).toBe(true);
    expect(isOtherHost('acme.example.com')).toBe(false);
    expect(isOtherHost('acme.leankit.com')).toBe(false);
  });

  it('logs a sign-in that reached LeanKit with its password, and faults never touch the other server', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 500 }, path: '/', times: Infinity });
    const since = sim.requests.length;
    expect((await fetch(`https://${OTHER_HOST}/io/reporting/export/cards`)).status).toBe(200);
    sim.faults.clear();
    await signIn(fetch, sim);
    const logged = sim.requests.slice(since);
    expect(logged.map((entry) => [entry.host, entry.passwordReceived])).toEqual([
      [OTHER_HOST, undefined],
      ['acme.leankit.com', true],
    ]);
    expect(JSON.stringify(logged)).not.toContain(sim.demo.password);
  });

  it.each<[string, FaultRule]>([
    [
      'a status that is not a redirect',
      { fault: { kind: 'redirect', status: 304 as 301, location: '/' } },
    ],
    ['no location', { fault: { kind: 'redirect', status: 302, location: '' } }],
  ])('rejects %s', (_, rule) => {
    expect(() => sim.faults.add(rule)).toThrow(TypeError);
  });
});

describe('HTTP admin endpoints', () => {
  const admin = (path: string, method: string, body?: unknown): Promise<Response> =>
    fetch(`${ORIGIN}/__simulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('adds a rule (times: null = until cleared), clears it, and is never logged', async () => {
    expect(
      (await admin('faults', 'POST', { fault: { kind: 'status', status: 503 }, times: null }))
        .status,
    ).toBe(200);
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(503);
    expect((await admin('faults', 'DELETE')).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect(sim.requests.filter((entry) => entry.path.startsWith('/__simulator'))).toEqual([]);
  });

  it('releases held bodies', async () => {
    const whole = await (await get()).text();
    expect(
      (await admin('faults', 'POST', { fault: { kind: 'hold-after-bytes', bytes: 100 } })).status,
    ).toBe(200);
    const reader = (await get()).body?.getReader();
    if (!reader) throw new Error('no body');
    const held = await readAtLeast(reader, 100);
    expect(Buffer.concat(held).length).toBe(100);
    expect((await admin('faults/release', 'POST')).status).toBe(200);
    const chunks = [...held, ...(await readRest(reader))];
    expect(Buffer.concat(chunks).toString('utf8')).toBe(whole);
  });

  it('expires tokens', async () => {
    expect((await admin('expire-tokens', 'POST')).status).toBe(200);
    expect((await get()).status).toBe(401);
    token = await signIn(fetch, sim);
  });

  it.each([
    ['not JSON', 'faults', 'POST', '{'],
    ['an invalid rule', 'faults', 'POST', { fault: { kind: 'status', status: 99 } }],
  ])('answers %s with 400', async (_, path, method, body) => {
    const response = await fetch(`${ORIGIN}/__simulator/${path}`, {
      method,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('Bad Request');
  });

  it('answers unknown admin paths with 404', async () => {
    expect((await admin('nope', 'POST')).status).toBe(404);
  });
});

describe('incomplete and unexpected bodies', () => {
  const whole = (): Promise<Buffer> => sim.body('/io/reporting/export/cards.csv');

  it.each(['none', 'sent', 'whole'] as const)(
    'gzip-cut (Content-Length %s): a gzip stream cut before its trailer, a prefix of the export',
    async (contentLength) => {
      sim.faults.add({ fault: { kind: 'gzip-cut', bytes: 2000, contentLength } });
      const since = sim.requests.length;
      const response = await get();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const full = gzipSync(await whole());
      const declared = { none: null, sent: '2000', whole: String(full.length) }[contentLength];
      expect(response.headers.get('content-length')).toBe(declared);
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no body');
      const chunks: Uint8Array[] = [];
      let broke = false;
      try {
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
          chunks.push(part.value);
        }
      } catch {
        broke = true;
      }
      // Only a declared whole length shows the cut to HTTP; otherwise the response ends cleanly.
      expect(broke).toBe(contentLength === 'whole');
      const sent = Buffer.concat(chunks);
      expect(sent).toEqual(full.subarray(0, 2000));
      expect(() => gunzipSync(sent)).toThrow(/unexpected end of file/);
      const decoded = createGunzip();
      const text: Buffer[] = [];
      decoded.on('data', (part: Buffer) => text.push(part));
      decoded.on('error', () => undefined);
      await new Promise((resolve) => decoded.write(sent, resolve));
      const prefix = Buffer.concat(text);
      expect(prefix.length).toBeGreaterThan(0);
      expect((await whole()).subarray(0, prefix.length)).toEqual(prefix);
      expect((await loggedSince(since, '/io/reporting/export/cards.csv')).fault).toBe('gzip-cut');
    },
  );

  it('close-after-bytes frames the body by closing the connection, cut mid-row', async () => {
    sim.faults.add({ fault: { kind: 'close-after-bytes', bytes: 1000 } });
    const { head, body } = await rawGet('/io/reporting/export/cards.csv');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    expect(head).not.toMatch(/content-length|transfer-encoding/i);
    expect(body).toEqual((await whole()).subarray(0, 1000));
    expect(body.toString('utf8')).not.toMatch(/\r\n$/);
  });

  it('html-page answers 200 with a sign-in page', async () => {
    sim.faults.add({ fault: { kind: 'html-page' } });
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toMatch(/^<!DOCTYPE html>[\s\S]*<title>Sign in/);
  });

  it('json-notice answers a CSV request with 200 and a JSON notice', async () => {
    sim.faults.add({ fault: { kind: 'json-notice' } });
    sim.faults.add({ fault: { kind: 'json-notice', message: 'Down for maintenance' } });
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ message: DEFAULT_NOTICE });
    expect(await (await get()).json()).toEqual({ message: 'Down for maintenance' });
  });

  it('bare-quote writes a " inside an unquoted field of the first row, minimal quoting elsewhere', async () => {
    sim.faults.add({ fault: { kind: 'bare-quote' } });
    const text = await (await get()).text();
    const [header, first, second] = text.split('\r\n');
    expect(header).toMatch(/^cardId,parentCardId,/);
    expect(first?.split(',')).toContain(BARE_QUOTE_VALUE);
    expect(second).not.toContain('"monitor');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it.each<[string, FaultRule]>([
    ['gzip-cut without contentLength', { fault: { kind: 'gzip-cut', bytes: 1 } as never }],
    ['close-after-bytes with negative bytes', { fault: { kind: 'close-after-bytes', bytes: -1 } }],
    ['json-notice with a numeric message', { fault: { kind: 'json-notice', message: 1 as never } }],
  ])('rejects %s', (_, rule) => {
    expect(() => sim.faults.add(rule)).toThrow(TypeError);
  });
});

/** A GET over a raw TLS socket, read until the server closes it: the bytes exactly as framed. */
async function rawGet(path: string): Promise<{ head: string; body: Buffer }> {
  const socket = tlsConnect({
    host: '127.0.0.1',
    port: sim.port,
    servername: 'acme.leankit.com',
    ca: sim.certificate,
  });
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: acme.leankit.com\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  const split = all.indexOf('\r\n\r\n');
  return { head: all.subarray(0, split + 2).toString('latin1'), body: all.subarray(split + 4) };
}
