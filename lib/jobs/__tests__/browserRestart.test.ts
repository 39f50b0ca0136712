// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import type { StartExportRequest } from '../../messaging';
import type { TokenStore } from '../../persistentToken';
import { createSessionService } from '../../session';
import { excelFriendlyCsvItem, jobsItem, staySignedInItem } from '../../storage/items';
import { createDownloader } from '../downloads';
import { createExportJobs } from '../exportJobs';
import type { ExportJob } from '../jobRecords';
import { builderFor, downloadingBrowser, faultyFetch } from './engineHarness';
import type { FakeDownloads } from './fakeDownloads';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 10 });
});
afterAll(() => sim.close());
beforeEach(() => {
  fakeBrowser.reset();
});

const cards: StartExportRequest = { reportId: 'cards', format: 'csv', boardIds: [] };

/** The IndexedDB that keeps a "Stay signed in" token across restarts (proven end to end in tests/e2e). */
function memoryTokenStore(): TokenStore {
  let token: string | null = null;
  return {
    get: async () => token,
    set: async (value) => {
      token = value;
    },
    clear: async () => {
      token = null;
    },
  };
}

/** One service worker: the export engine and what it needs, as entrypoints/background.ts builds it. */
function startWorker(
  fetch: typeof globalThis.fetch,
  tokenStore: TokenStore,
  downloads?: FakeDownloads,
) {
  const session = createSessionService({ fetch, tokenStore });
  const browser = downloadingBrowser(downloads);
  const jobs = createExportJobs({
    session,
    downloader: createDownloader({ downloads: browser.downloads }),
    builder: builderFor(fetch),
    now: () => new Date(2026, 10, 27, 14, 5),
  });
  return { session, jobs, ...browser };
}

/**
 * Starts an export, and closes the browser while it is mid-way: half of LeanKit's answer is in
 * the Blob (`fetching`), or the file is built and the browser is saving it (`saving`). Returns the
 * worker of the browser opened again on the same profile, its start-up recovery not yet run, and
 * the job as it was left.
 */
async function closeBrowserMidExport({
  processed = false,
  stage = 'fetching',
  staySignedIn,
  reason = 'USER_CANCELED',
}: {
  processed?: boolean;
  stage?: 'fetching' | 'saving';
  staySignedIn: boolean;
  reason?: 'USER_CANCELED' | 'CRASH';
}) {
  await excelFriendlyCsvItem.setValue(processed);
  await staySignedInItem.setValue(staySignedIn);
  const tokenStore = memoryTokenStore();
  const before = startWorker(
    faultyFetch(simulatorFetch(sim), () => (stage === 'fetching' ? 'stall-mid-body' : undefined)),
    tokenStore,
  );
  await before.jobs.resumeInterrupted(); // as at every start of the worker
  await before.session.signIn({
    account: 'acme',
    email: sim.demo.email,
    password: sim.demo.password,
  });
  // The browser never gets far with saving a file.
  before.downloads.onStart = undefined;
  const { jobId, done } = await before.jobs.start(cards);
  await expect
    .poll(async () => {
      const [job] = await jobsItem.getValue();
      if (stage === 'saving') return job?.downloadId !== undefined;
      return ((processed ? job?.rows : job?.bytes) ?? 0) > 0;
    })
    .toBe(true);
  const [left] = await jobsItem.getValue();
  if (left?.state !== 'running') throw new Error(`not mid-export: ${JSON.stringify(left)}`);

  // The browser closes. Its worker must fall silent for good, and cancelling is the only way to
  // make it; then everything is put back as the close leaves it on disk.
  const downloads = before.downloads.afterBrowserRestart(reason);
  before.jobs.cancel(jobId);
  await done;
  await jobsItem.setValue([left]);
  await fakeBrowser.storage.session.clear();

  const after = startWorker(simulatorFetch(sim), tokenStore, downloads);
  return { ...after, left };
}

/** The job as the engine left it after recovering. */
async function onlyJob(): Promise<ExportJob> {
  const [job, ...others] = await jobsItem.getValue();
  if (!job || others.length > 0) throw new Error(`expected one job, got ${others.length + 1}`);
  return job;
}

/** What a processed (Excel-friendly) export of `cards` saves when nothing goes wrong. */
async function cleanProcessedExport(): Promise<string> {
  await excelFriendlyCsvItem.setValue(true);
  const clean = startWorker(simulatorFetch(sim), memoryTokenStore());
  await clean.session.signIn({
    account: 'acme',
    email: sim.demo.email,
    password: sim.demo.password,
  });
  const { done } = await clean.jobs.start(cards);
  await done;
  const [job] = await jobsItem.getValue();
  await jobsItem.setValue([]);
  return clean.bodies.get(job?.downloadId ?? 0) ?? '';
}

describe('after a browser restart mid-export', () => {
  it('keeps the job list in local storage, which outlives the browser, without any token', async () => {
    const { left } = await closeBrowserMidExport({ staySignedIn: true });
    const stored = await fakeBrowser.storage.local.get('jobs');
    expect(stored.jobs).toEqual([left]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(JSON.stringify(stored)).not.toMatch(/Bearer|eyJ/);
  });

  it('signed in (stay signed in), a direct export cut short mid-answer is fetched afresh and saved whole under its name', async () => {
    const { jobs, downloads, bodies, left } = await closeBrowserMidExport({ staySignedIn: true });
    expect(left.downloadId).toBeUndefined();

    await jobs.resumeInterrupted();

    const job = await onlyJob();
    expect(job).toMatchObject({
      id: left.id,
      state: 'done',
      fileName: left.fileName,
      restartedAfterBrowserClosed: true,
    });
    expect(downloads.requests).toHaveLength(1);
    expect(downloads.requests[0]?.url).toMatch(/^blob:/);
    expect(downloads.requests[0]?.filename).toBe(left.fileName);
    expect(bodies.get(job.downloadId ?? 0)).toBe(
      (await sim.body('/io/reporting/export/cards?format=csv')).toString(),
    );
  });

  it.each(['USER_CANCELED', 'CRASH'] as const)(
    'signed in (stay signed in), a direct export whose save the browser ended with %s is built and saved afresh under its name, the old save and its partial file removed',
    async (reason) => {
      const { jobs, downloads, bodies, left } = await closeBrowserMidExport({
        stage: 'saving',
        staySignedIn: true,
        reason,
      });
      const old = left.downloadId ?? -1;
      expect((await downloads.search({ id: old }))[0]).toMatchObject({ state: 'interrupted' });

      await jobs.resumeInterrupted();

      const job = await onlyJob();
      expect(job).toMatchObject({
        id: left.id,
        state: 'done',
        fileName: left.fileName,
        restartedAfterBrowserClosed: true,
      });
      expect(job.downloadId).not.toBe(old);
      expect(downloads.erased).toEqual([old]);
      expect(downloads.requests).toHaveLength(1);
      expect(downloads.requests[0]?.url).toMatch(/^blob:/);
      expect(downloads.requests[0]?.filename).toBe(left.fileName);
      expect(bodies.get(job.downloadId ?? 0)).toBe(
        (await sim.body('/io/reporting/export/cards?format=csv')).toString(),
      );
    },
  );

  it('signed out, a direct export ends interrupted, for the user to retry; the partial file of its save is removed', async () => {
    const { jobs, downloads, left } = await closeBrowserMidExport({
      stage: 'saving',
      staySignedIn: false,
      reason: 'CRASH',
    });

    await jobs.resumeInterrupted();

    const job = await onlyJob();
    expect(job).toMatchObject({
      id: left.id,
      reportId: 'cards',
      format: 'csv',
      boardIds: [],
      state: 'failed',
      error: {
        kind: 'interrupted',
        message: 'Interrupted when the browser closed. Choose Retry to export it again.',
      },
      finishedAt: new Date(2026, 10, 27, 14, 5).getTime(),
    });
    expect(job.restartedAfterBrowserClosed).toBeUndefined();
    expect(downloads.erased).toEqual([left.downloadId]);
    expect(downloads.requests).toEqual([]);
  });

  it('signed in (stay signed in), a processed export starts from scratch: a whole file, no row twice', async () => {
    const expected = await cleanProcessedExport();
    const { jobs, bodies, downloads, left } = await closeBrowserMidExport({
      processed: true,
      staySignedIn: true,
    });
    expect(left.rows).toBeGreaterThan(0);

    await jobs.resumeInterrupted();

    const job = await onlyJob();
    expect(job).toMatchObject({ id: left.id, state: 'done', restartedAfterBrowserClosed: true });
    expect(downloads.requests).toHaveLength(1);
    expect(expected.startsWith('\uFEFF')).toBe(true);
    expect(bodies.get(job.downloadId ?? 0)).toBe(expected);
    expect(job.rows).toBe(expected.split('\r\n').length - 2);
  });

  it('signed out, a processed export ends interrupted, for the user to retry', async () => {
    const { jobs, downloads, left } = await closeBrowserMidExport({
      processed: true,
      staySignedIn: false,
    });

    await jobs.resumeInterrupted();

    const job = await onlyJob();
    expect(job).toMatchObject({
      id: left.id,
      state: 'failed',
      error: { kind: 'interrupted' },
    });
    expect(downloads.requests).toEqual([]);
  });
});
