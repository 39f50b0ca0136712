// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { OTHER_HOST } from '@/tests/simulator/otherHost';
import { LeanKitError } from '../../errors';
import { bareToken, createReportingClient } from '../reportingClient';

let sim: Simulator;
let client: ReturnType<typeof createReportingClient>;

beforeAll(async () => {
  sim = await startSimulator({ boards: 3, cardsPerBoard: 20 });
  client = createReportingClient({
    fetch: simulatorFetch(sim),
    origin: `https://${sim.demo.host}`,
  });
});

afterAll(() => sim.close());

async function signIn() {
  return client.signIn({
    email: sim.demo.email,
    password: sim.demo.password,
    accountName: sim.demo.account,
  });
}

async function rejection(promise: Promise<unknown>): Promise<LeanKitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeanKitError);
  return error as LeanKitError;
}

describe('reporting client against the simulator', () => {
  it('signs in and gets a token', async () => {
    const { token } = await signIn();
    expect(token.split('.')).toHaveLength(3);
  });

  it('reports a wrong password with the API’s own message', async () => {
    const error = await rejection(
      client.signIn({ email: sim.demo.email, password: 'wrong', accountName: sim.demo.account }),
    );
    expect(error.kind).toBe('bad-credentials');
    expect(error.message).toBe('Login failed: email or password is incorrect');
  });

  it.each([
    [{ reportId: 'cards', format: 'csv', boardIds: [] }, '/cards?format=csv'],
    [
      { reportId: 'cards-blockedhistory', format: 'json', boardIds: ['1', '2'] },
      '/cards/blockedhistory?format=json&boardId=1%2C2',
    ],
    [{ reportId: 'boards', format: 'tab', boardIds: ['1'] }, '/boards?format=tab'],
    [
      { reportId: 'cards', format: 'csv', boardIds: ['7'], page: { offset: 0, limit: 1 } },
      '/cards?format=csv&boardId=7&offset=0&limit=1',
    ],
  ] as const)(
    'asks for %j at the export URL …%s, the token in a header only',
    async (request, path) => {
      const fetch = vi.fn(async () => new Response('a\r\n'));
      const recording = createReportingClient({ fetch, origin: `https://${sim.demo.host}` });
      await recording.openExport('secret-token', request);
      expect(fetch).toHaveBeenCalledWith(
        `https://${sim.demo.host}/io/reporting/export${path}`,
        expect.objectContaining({ headers: { Authorization: 'Bearer secret-token' } }),
      );
    },
  );

  it('exports cards with the token in the Authorization header', async () => {
    const { token } = await signIn();
    const response = await client.openExport(token, {
      reportId: 'cards',
      format: 'json',
      boardIds: [],
    });
    const rows = (await response.json()) as { cardId: string; currentBoardId: string }[];
    expect(rows).toHaveLength(60);
    // The simulator logs a request when its response has finished, which may be a moment later.
    const request = await vi.waitFor(() => {
      const found = sim.requests.find((r) => r.path === '/io/reporting/export/cards');
      if (!found) throw new Error('not logged yet');
      return found;
    });
    expect(request.tokenTransport).toBe('header');
    expect(JSON.stringify(request)).not.toContain(token);
  });

  it('narrows an export to the chosen board', async () => {
    const { token } = await signIn();
    const board = sim.boards[1];
    const response = await client.openExport(token, {
      reportId: 'cards',
      format: 'json',
      boardIds: [board?.id ?? ''],
    });
    const rows = (await response.json()) as { currentBoardId: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.currentBoardId))).toEqual(new Set([board?.id]));
  });

  it('says the session expired when LeanKit no longer accepts the token', async () => {
    const { token } = await signIn();
    sim.expireAllTokens();
    const error = await rejection(
      client.openExport(token, { reportId: 'cards', format: 'csv', boardIds: [] }),
    );
    expect(error.kind).toBe('token-expired');
    expect(error.message).toBe('Your LeanKit session expired. Sign in again to continue.');
  });

  it('says the host cannot be reached when nothing answers', async () => {
    const offline = createReportingClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      origin: 'https://nowhere.leankit.com',
    });
    const error = await rejection(
      offline.signIn({ email: 'a@b.c', password: 'x', accountName: 'nowhere' }),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('nowhere.leankit.com');
  });

  it('puts a server’s Retry-After on the error it throws', async () => {
    const busy = createReportingClient({
      fetch: async () => new Response('', { status: 429, headers: { 'Retry-After': '7' } }),
      origin: 'https://acme.leankit.com',
    });
    const error = await rejection(
      busy.openExport('t', { reportId: 'cards', format: 'csv', boardIds: [] }),
    );
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(7000);
  });

  it('asks for the rest of an export from a row on, without a limit', async () => {
    const { token } = await signIn();
    const all = (await (
      await client.openExport(token, { reportId: 'cards', format: 'json', boardIds: [] })
    ).json()) as unknown[];
    const rest = (await (
      await client.openExport(token, {
        reportId: 'cards',
        format: 'json',
        boardIds: [],
        page: { offset: 50 },
      })
    ).json()) as unknown[];
    expect(rest).toEqual(all.slice(50));
  });

  it('checks a token with one small request, and says when LeanKit refuses it', async () => {
    const { token } = await signIn();
    await expect(client.checkToken(token)).resolves.toBeUndefined();
    sim.expireAllTokens();
    expect((await rejection(client.checkToken(token))).kind).toBe('token-expired');
  });

  it.each([
    ['a 200 sign-in page', { kind: 'html-page' }, /sent a web page instead of the report/],
    ['a 200 JSON notice', { kind: 'json-notice' }, /sent something other than the JSON report/],
  ] as const)('does not take %s for a working token', async (_name, fault, message) => {
    const { token } = await signIn();
    sim.faults.add({ fault, path: '/io/reporting/export/boards' });
    const error = await rejection(client.checkToken(token));
    expect(error.kind).toBe('unexpected-answer');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['a 204 without a body', () => new Response(null, { status: 204 })],
    ['a 200 CSV body', () => new Response('a,b\r\n', { headers: { 'content-type': 'text/csv' } })],
    ['a 200 JSON object', () => Response.json({ message: 'Down for maintenance' })],
    ['a 200 JSON array of something else', () => Response.json([1, 2])],
  ])('does not take %s for a working token', async (_name, answer) => {
    const odd = createReportingClient({
      fetch: async () => answer(),
      origin: `https://${sim.demo.host}`,
    });
    expect((await rejection(odd.checkToken('t'))).kind).toBe('unexpected-answer');
  });

  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['  bearer   abc.def.ghi ', 'abc.def.ghi'],
    ['abc.def.ghi', 'abc.def.ghi'],
  ])('takes the token out of %j', (pasted, token) => {
    expect(bareToken(pasted)).toBe(token);
  });
});

describe('redirects: the password and the token reach the account’s origin only', () => {
  const requests: [string, (token: string) => Promise<unknown>][] = [
    ['sign-in', () => signIn()],
    ['token check', (token) => client.checkToken(token)],
    [
      'export',
      (token) => client.openExport(token, { reportId: 'cards', format: 'csv', boardIds: [] }),
    ],
  ];
  const targets = [
    `https://${OTHER_HOST}/io/reporting/export/cards?format=csv`,
    'https://noreporting.leankit.com/io/reporting/auth',
    '/io/reporting/export/cards?format=csv',
  ];

  it.each(
    requests.flatMap(([name, send]) =>
      ([301, 302, 303, 307, 308] as const).flatMap((status) =>
        targets.map((location) => ({ name, send, status, location })),
      ),
    ),
  )(
    'a $name answered with $status to $location fails and goes no further',
    async ({ send, status, location }) => {
      const { token } = await signIn();
      sim.faults.add({ fault: { kind: 'redirect', status, location }, path: '/io/reporting/' });
      const since = sim.requests.length;
      const error = await rejection(send(token));
      sim.faults.clear();
      expect(error.kind).toBe('redirected');
      expect(error.message).toBe(
        `${sim.demo.host} sent the request on to another address. LeanKit Exporter never follows such a redirect, so your password and token stay with ${sim.demo.host}. Check the account address; if it is right, a proxy or sign-on page may be in the way: ask your IT team.`,
      );
      const logged = await vi.waitFor(() => {
        const entries = sim.requests.slice(since);
        if (entries.length === 0) throw new Error('not logged yet');
        return entries;
      });
      expect(logged.map((entry) => [entry.host, entry.status])).toEqual([[sim.demo.host, status]]);
    },
  );

  it('asks the browser not to follow, and refuses the opaque redirect it hands back', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, body: null } as Response;
    const fetch = vi.fn(async () => opaque);
    const browserClient = createReportingClient({ fetch, origin: `https://${sim.demo.host}` });
    expect((await rejection(browserClient.checkToken('t'))).kind).toBe('redirected');
    expect(fetch).toHaveBeenCalledWith(
      `https://${sim.demo.host}/io/reporting/export/boards?format=json&limit=1`,
      expect.objectContaining({ redirect: 'manual', credentials: 'omit' }),
    );
  });
});
