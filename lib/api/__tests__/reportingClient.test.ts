// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { LeanKitError } from '../../errors';
import { createReportingClient } from '../reportingClient';

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

  it('builds export URLs without the token', () => {
    expect(client.exportUrl({ reportId: 'cards', format: 'csv', boardIds: [] })).toBe(
      `https://${sim.demo.host}/io/reporting/export/cards?format=csv`,
    );
    expect(
      client.exportUrl({ reportId: 'cards-blockedhistory', format: 'json', boardIds: ['1', '2'] }),
    ).toBe(
      `https://${sim.demo.host}/io/reporting/export/cards/blockedhistory?format=json&boardId=1%2C2`,
    );
    expect(client.exportUrl({ reportId: 'boards', format: 'tab', boardIds: ['1'] })).toBe(
      `https://${sim.demo.host}/io/reporting/export/boards?format=tab`,
    );
  });

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
    expect(error.kind).toBe('network');
    expect(error.message).toContain('nowhere.leankit.com');
  });
});
