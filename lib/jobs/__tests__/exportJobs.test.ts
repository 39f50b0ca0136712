// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { FakeDownloads } from '../../__tests__/fakeDownloads';
import { createDownloader } from '../../downloads';
import { createSessionService } from '../../session';
import { createExportJobs, jobsItem } from '../exportJobs';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 10 });
});
afterAll(() => sim.close());
beforeEach(() => {
  fakeBrowser.reset();
});

/** A browser download manager that really fetches what it is asked for, as Chromium does. */
function downloadingBrowser(fetch: typeof globalThis.fetch) {
  const downloads = new FakeDownloads();
  const bodies = new Map<number, string>();
  downloads.onStart = (id) => {
    const request = downloads.requests.at(-1);
    if (!request) return;
    const headers = Object.fromEntries((request.headers ?? []).map((h) => [h.name, h.value]));
    void fetch(request.url, { headers }).then(async (response) => {
      if (!response.ok) return downloads.interrupt(id, 'SERVER_UNAUTHORIZED');
      const body = await response.text();
      bodies.set(id, body);
      downloads.complete(id, Buffer.byteLength(body));
    });
  };
  return { downloads, bodies };
}

async function setup() {
  const fetch = simulatorFetch(sim);
  const session = createSessionService({ fetch });
  const browser = downloadingBrowser(fetch);
  const downloader = createDownloader({ downloads: browser.downloads, fetch });
  const jobs = createExportJobs({
    session,
    downloader,
    fetch,
    now: () => new Date(2026, 10, 27, 14, 5),
  });
  await session.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
  return { session, jobs, ...browser };
}

describe('export jobs', () => {
  it('runs an export to a file and publishes each step in session storage', async () => {
    const { jobs, downloads, bodies } = await setup();
    const board = sim.boards[0]?.id ?? '';
    const { jobId, done } = await jobs.start({
      reportId: 'cards',
      format: 'csv',
      boardIds: [board],
    });

    const [running] = await jobsItem.getValue();
    expect(running).toMatchObject({ id: jobId, state: 'running', bytes: 0, accountName: 'acme' });
    await done;

    const [job] = await jobsItem.getValue();
    const fileName = `leankit-acme-cards-board${board}-20261127-1405.csv`;
    expect(job).toMatchObject({
      id: jobId,
      state: 'done',
      fileName,
      path: `/downloads/${fileName}`,
    });
    expect(job?.bytes).toBe(Buffer.byteLength(bodies.get(1) ?? ''));
    expect(job?.bytes).toBeGreaterThan(100);
    expect(downloads.requests[0]?.url).toBe(
      `https://acme.leankit.com/io/reporting/export/cards?format=csv&boardId=${board}`,
    );
    expect(JSON.stringify(await jobsItem.getValue())).not.toContain('Bearer');
  });

  it('fails with a sign-in prompt and drops the token when LeanKit no longer accepts it', async () => {
    const { jobs, session } = await setup();
    sim.expireAllTokens();
    const { done } = await jobs.start({ reportId: 'cards', format: 'json', boardIds: [] });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.state).toBe('failed');
    expect(job?.error).toEqual({
      kind: 'token-expired',
      message: 'Your LeanKit session expired. Sign in again to continue.',
    });
    expect(await session.current()).toBeNull();
  });

  it('cancels a running export and leaves nothing behind', async () => {
    const { jobs, downloads } = await setup();
    downloads.onStart = undefined;
    const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    jobs.cancel(jobId);
    await done;
    const [job] = await jobsItem.getValue();
    expect(job).toMatchObject({ state: 'cancelled', error: { kind: 'aborted' } });
    expect(downloads.items.size).toBe(0);
  });

  it('keeps concurrent exports apart', async () => {
    const { jobs } = await setup();
    const [a, b] = sim.boards.map((board) => board.id);
    const first = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [a ?? ''] });
    const second = await jobs.start({ reportId: 'cards', format: 'json', boardIds: [b ?? ''] });
    await Promise.all([first.done, second.done]);
    const stored = await jobsItem.getValue();
    expect(stored.map((j) => [j.id, j.state, j.format])).toEqual([
      [second.jobId, 'done', 'json'],
      [first.jobId, 'done', 'csv'],
    ]);
  });

  it.each([
    [{ reportId: 'nope', format: 'csv' as const, boardIds: [] }, 'not-found'],
    [{ reportId: 'cards', format: 'xml' as 'csv', boardIds: [] }, 'bad-request'],
  ])('refuses %j before starting anything', async (request, kind) => {
    const { jobs } = await setup();
    await expect(jobs.start(request)).rejects.toMatchObject({ kind });
    expect(await jobsItem.getValue()).toEqual([]);
  });

  it('asks to sign in when nobody is signed in', async () => {
    const { jobs, session } = await setup();
    await session.signOut();
    await expect(
      jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] }),
    ).rejects.toMatchObject({ kind: 'not-signed-in' });
  });
});
