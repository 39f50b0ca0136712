// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { createXlsxPipeline } from '../../pipeline/xlsxPipeline';
import { lastPresetExport } from '../../recipes/lastExports';
import { findReport, type Report } from '../../reports';
import { createSessionService } from '../../session';
import { excelFriendlyCsvItem, jobsItem, sessionItem } from '../../storage/items';
import { createDownloader } from '../downloads';
import { type ExportBuilder, exportBuilder, inThisPage } from '../exportBuilder';
import { ExportBuilds } from '../exportBuilds';
import { createExportJobs } from '../exportJobs';
import type { ExportJob } from '../jobRecords';
import type { ConverterFactory } from '../rowConverter';
import { builderFor, downloadingBrowser, type Fault, faultyFetch } from './engineHarness';
import type { FakeDownloads } from './fakeDownloads';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 10 });
});
afterAll(() => sim.close());
beforeEach(() => {
  fakeBrowser.reset();
});

const fastRetries = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

/** Counts who holds the background awake, as lib/jobs/keepAwake.ts would ping for them. */
function countingKeepAwake() {
  const counter = {
    holders: 0,
    hold() {
      counter.holders += 1;
      let released = false;
      return () => {
        if (!released) counter.holders -= 1;
        released = true;
      };
    },
  };
  return counter;
}

async function setup(
  fault?: Fault,
  keepAwake = countingKeepAwake(),
  {
    builder = undefined as ExportBuilder | undefined,
    downloads = undefined as FakeDownloads | undefined,
  } = {},
) {
  const fetch = faultyFetch(simulatorFetch(sim), fault);
  const session = createSessionService({ fetch });
  const browser = downloadingBrowser(downloads);
  const downloader = createDownloader({ downloads: browser.downloads });
  const jobs = createExportJobs({
    session,
    downloader,
    builder: builder ?? builderFor(fetch),
    now: () => new Date(2026, 10, 27, 14, 5),
    random: () => 0.5,
    retryPolicy: fastRetries,
    keepAwake,
  });
  // As the background wires them (entrypoints/background.ts).
  session.onSignOut(() => jobs.stopAll());
  await session.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
  return { session, jobs, fetch, keepAwake, ...browser };
}

const job = async (jobId: string) => (await jobsItem.getValue()).find((j) => j.id === jobId);
const stateOf = async (jobId: string) => (await job(jobId))?.state;

const boom = (status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ statusCode: status, error: 'Error', message: 'Boom' }), {
    status,
    headers,
  });

describe('direct exports, built where builds run', () => {
  it('hand the download manager a blob: URL and no header, and the file is LeanKit’s bytes', async () => {
    const { jobs, downloads, bodies } = await setup();
    const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'tab', boardIds: [] });
    await done;
    const [job] = await jobsItem.getValue();
    const served = await sim.body('/io/reporting/export/cards?format=tab');
    expect(job).toMatchObject({ id: jobId, state: 'done', bytes: served.length });
    expect(downloads.requests).toHaveLength(1);
    expect(downloads.requests[0]?.url).toMatch(/^blob:/);
    expect(downloads.requests[0]?.headers).toBeUndefined();
    expect(bodies.get(1)).toBe(served.toString('utf8'));
  });

  it.each([
    ['replace', true, 'overwrite'],
    ['each-run', false, 'uniquify'],
  ] as const)(
    'save a scheduled run (%s) into its folder under its pattern, marked with its schedule',
    async (_keep, replaceFile, conflictAction) => {
      const { jobs, downloads } = await setup();
      const { done } = await jobs.start(
        { reportId: 'cards', format: 'csv', boardIds: ['101'] },
        {
          scheduleId: 's1',
          folder: 'LeanKit/weekly',
          fileNamePattern: '{report}-{board}',
          replaceFile,
        },
      );
      await done;
      expect(downloads.requests[0]).toMatchObject({
        filename: 'LeanKit/weekly/cards-board101.csv',
        conflictAction,
      });
      expect((await jobsItem.getValue())[0]).toMatchObject({ state: 'done', scheduleId: 's1' });
    },
  );

  it("save a click's export beside a file of the same name", async () => {
    const { jobs, downloads } = await setup();
    await (await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] })).done;
    expect(downloads.requests[0]).toMatchObject({ conflictAction: 'uniquify' });
    expect((await jobsItem.getValue())[0]?.scheduleId).toBeUndefined();
  });

  it('retry a body cut short from the start, and save one whole file', async () => {
    const { jobs, downloads, bodies } = await setup((_url, call) =>
      call === 1 ? 'drop-mid-body' : undefined,
    );
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await done;
    expect((await jobsItem.getValue())[0]).toMatchObject({ state: 'done' });
    expect(downloads.requests).toHaveLength(1);
    expect(bodies.get(1)).toBe(
      (await sim.body('/io/reporting/export/cards?format=csv')).toString(),
    );
  });

  it('after a worker restart, re-attach to the build the old worker started, with no new request', async () => {
    const exports: string[] = [];
    const base = simulatorFetch(sim);
    const counted: typeof globalThis.fetch = (input, init) => {
      if (String(input).includes('/export/cards')) exports.push(String(input));
      return base(input, init);
    };
    // One offscreen document for both workers: it outlives the first.
    const builder = builderFor(counted);
    const first = await setup(undefined, undefined, { builder });
    await first.jobs.resumeInterrupted(); // as at every start of the worker
    const token = (await sessionItem.getValue())?.token ?? '';
    // The old worker's attempt, which ran on in the document after that worker stopped.
    await builder.attempt(
      'job-1',
      {
        origin: 'https://acme.leankit.com',
        token,
        request: { reportId: 'cards', format: 'csv', boardIds: [] },
        stallTimeoutMs: 5_000,
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    await jobsItem.setValue([
      {
        id: 'job-1',
        reportId: 'cards',
        format: 'csv',
        boardIds: [],
        accountName: 'acme',
        origin: 'https://acme.leankit.com',
        startedBy: (await jobsItem.getValue())[0]?.startedBy,
        fileName: 'cards.csv',
        state: 'running',
        bytes: 1,
        startedAt: 0,
        route: 'direct',
      },
    ]);
    const restarted = await setup(undefined, undefined, { builder });
    await restarted.jobs.resumeInterrupted();
    const [job] = await jobsItem.getValue();
    const served = await sim.body('/io/reporting/export/cards?format=csv');
    expect(job).toMatchObject({ id: 'job-1', state: 'done', bytes: served.length });
    expect(restarted.bodies.get(1)).toBe(served.toString('utf8'));
    expect(exports).toHaveLength(1);
  });

  it('after a worker restart, forget the build of a job that ended while no worker ran', async () => {
    const builder = builderFor(simulatorFetch(sim));
    const first = await setup(undefined, undefined, { builder });
    await first.jobs.resumeInterrupted();
    const { jobId, done } = await first.jobs.start({
      reportId: 'cards',
      format: 'csv',
      boardIds: [],
    });
    await done;
    // The old worker stopped after the file was saved, before it told the document to forget it.
    const token = (await sessionItem.getValue())?.token ?? '';
    await builder.attempt(
      jobId,
      {
        origin: 'https://acme.leankit.com',
        token,
        request: { reportId: 'cards', format: 'csv', boardIds: [] },
        stallTimeoutMs: 5_000,
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    const follow = { signal: new AbortController().signal, onProgress: () => undefined };
    expect(await builder.attach(jobId, follow)).toBeDefined();

    const restarted = await setup(undefined, undefined, { builder });
    await restarted.jobs.resumeInterrupted();
    await expect.poll(() => builder.attach(jobId, follow)).toBeUndefined();
    expect(await stateOf(jobId)).toBe('done');
  });

  it('after a worker restart, remove the save of the file the browser had under way, and save it again from the build', async () => {
    const exports: string[] = [];
    const base = simulatorFetch(sim);
    const counted: typeof globalThis.fetch = (input, init) => {
      if (String(input).includes('/export/cards')) exports.push(String(input));
      return base(input, init);
    };
    const builder = builderFor(counted);
    const first = await setup(undefined, undefined, { builder });
    await first.jobs.resumeInterrupted();
    const token = (await sessionItem.getValue())?.token ?? '';
    // The old worker built the file and handed its blob: URL to the browser, which was still
    // saving it when that worker stopped.
    await builder.attempt(
      'job-1',
      {
        origin: 'https://acme.leankit.com',
        token,
        request: { reportId: 'cards', format: 'csv', boardIds: [] },
        stallTimeoutMs: 5_000,
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    first.downloads.onStart = undefined;
    const oldSave = await first.downloads.download({
      url: await builder.finish('job-1', 'text/csv'),
      filename: 'cards.csv',
    });
    await jobsItem.setValue([
      {
        id: 'job-1',
        reportId: 'cards',
        format: 'csv',
        boardIds: [],
        accountName: 'acme',
        origin: 'https://acme.leankit.com',
        fileName: 'cards.csv',
        state: 'running',
        bytes: 1,
        startedAt: 0,
        route: 'direct',
        downloadId: oldSave,
      },
    ]);

    const restarted = await setup(undefined, undefined, { builder, downloads: first.downloads });
    await restarted.jobs.resumeInterrupted();
    const [job] = await jobsItem.getValue();
    const served = await sim.body('/io/reporting/export/cards?format=csv');
    expect(job).toMatchObject({ id: 'job-1', state: 'done', bytes: served.length });
    expect(job?.downloadId).not.toBe(oldSave);
    expect(first.downloads.cancelled).toEqual([oldSave]);
    expect(first.downloads.erased).toEqual([oldSave]);
    expect([...first.downloads.items.keys()]).toEqual([job?.downloadId]);
    expect(restarted.bodies.get(job?.downloadId ?? 0)).toBe(served.toString('utf8'));
    expect(exports).toHaveLength(1);
  });

  it('after a worker restart with no build to re-attach to (Firefox builds in the background page, which ended with it), start over with a clean file', async () => {
    const first = await setup();
    await first.jobs.resumeInterrupted();
    await jobsItem.setValue([
      {
        id: 'job-1',
        reportId: 'cards',
        format: 'csv',
        boardIds: [],
        accountName: 'acme',
        origin: 'https://acme.leankit.com',
        fileName: 'cards.csv',
        state: 'running',
        bytes: 3000,
        startedAt: 0,
        route: 'direct',
      },
    ]);

    const restarted = await setup();
    await restarted.jobs.resumeInterrupted();
    const [job] = await jobsItem.getValue();
    const served = await sim.body('/io/reporting/export/cards?format=csv');
    expect(job).toMatchObject({ id: 'job-1', state: 'done', bytes: served.length });
    // The browser kept running: only the worker restarted, and the user need not hear of it.
    expect(job?.restartedAfterBrowserClosed).toBeUndefined();
    expect(restarted.bodies.get(job?.downloadId ?? 0)).toBe(served.toString('utf8'));
  });
});

describe('export jobs', () => {
  it('runs an export to a file and publishes each step in its job record', async () => {
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
    expect(bodies.get(1)).toBe(
      (await sim.body(`/io/reporting/export/cards?format=csv&boardId=${board}`)).toString(),
    );
    expect(job?.bytes).toBe(Buffer.byteLength(bodies.get(1) ?? ''));
    expect(job?.bytes).toBeGreaterThan(100);
    expect(downloads.requests[0]?.url).toMatch(/^blob:/);
    expect(JSON.stringify(await jobsItem.getValue())).not.toContain('Bearer');
  });

  it('keeps the background awake while a job runs, and lets it sleep once the job ends', async () => {
    const { jobs, keepAwake } = await setup();
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    expect(keepAwake.holders).toBe(1);
    await done;
    expect((await jobsItem.getValue())[0]?.state).toBe('done');
    expect(keepAwake.holders).toBe(0);
  });

  it('waits for a new sign-in when LeanKit no longer accepts the token, then finishes', async () => {
    const { jobs, session, bodies, keepAwake } = await setup();
    sim.expireAllTokens();
    const { done } = await jobs.start({ reportId: 'cards', format: 'json', boardIds: [] });
    await expect
      .poll(async () => (await jobsItem.getValue())[0]?.state)
      .toBe('waiting-for-sign-in');
    // Waiting for a person may take hours: the sign-in wakes the worker by itself.
    expect(keepAwake.holders).toBe(0);
    const [waiting] = await jobsItem.getValue();
    expect(waiting?.error).toEqual({
      kind: 'token-expired',
      message: 'Your LeanKit session expired. Sign in again to continue.',
    });
    expect(await session.current()).toBeNull();

    await session.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.state).toBe('done');
    expect(bodies.get(job?.downloadId ?? 0)).toBe(
      (await sim.body('/io/reporting/export/cards?format=json')).toString(),
    );
  });

  it('fails, rather than mixing accounts, when the new sign-in is to another account', async () => {
    const { jobs, session } = await setup();
    sim.expireAllTokens();
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await expect
      .poll(async () => (await jobsItem.getValue())[0]?.state)
      .toBe('waiting-for-sign-in');
    await sessionItem.setValue({
      origin: 'https://other.leankit.com',
      accountName: 'other',
      email: 'someone@other.test',
      token: 'other-token',
    });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.state).toBe('failed');
    expect(job?.error?.kind).toBe('bad-account');
    expect(await session.current()).toMatchObject({ accountName: 'other' });
  });

  it('records the account’s address and the user who started the export', async () => {
    const { jobs } = await setup();
    const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await done;
    expect(await job(jobId)).toMatchObject({
      origin: 'https://acme.leankit.com',
      startedBy: { userId: expect.stringMatching(/.+/), email: sim.demo.email },
    });
  });

  describe('bound to the user who started it', () => {
    const viewer = () => ({
      account: 'acme',
      email: sim.viewer.email,
      password: sim.viewer.password,
    });

    it('fails, rather than go on with their token, when another user of the account signs in', async () => {
      const { jobs, session, downloads } = await setup();
      sim.expireAllTokens();
      const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await expect.poll(() => stateOf(jobId)).toBe('waiting-for-sign-in');
      const requestsBefore = downloads.requests.length;

      await session.signIn(viewer());
      await done;
      expect(await job(jobId)).toMatchObject({
        state: 'failed',
        error: {
          kind: 'other-user',
          message: `${sim.demo.email} started this export, but ${sim.viewer.email} is signed in now. It stopped, so that no file mixes what two people may see. Start it again to export as ${sim.viewer.email}.`,
        },
      });
      // Nothing was asked for with the other user's token.
      expect(downloads.requests).toHaveLength(requestsBefore);
      expect(await session.current()).toMatchObject({ email: sim.viewer.email });
    });

    it('never resumes an Excel-friendly export with another user’s token (offset=rows would mix their views)', async () => {
      await excelFriendlyCsvItem.setValue(true);
      const offsets: (string | null)[] = [];
      const { jobs, session, downloads } = await setup((url, call) => {
        offsets.push(url.searchParams.get('offset'));
        if (call === 1) return 'drop-mid-body';
        if (call === 2) return boom(401);
        return undefined;
      });
      const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await expect.poll(() => stateOf(jobId)).toBe('waiting-for-sign-in');
      expect((await job(jobId))?.rows).toBeGreaterThan(0);

      await session.signIn(viewer());
      await done;
      expect(await job(jobId)).toMatchObject({ state: 'failed', error: { kind: 'other-user' } });
      expect(offsets).toHaveLength(2);
      expect(downloads.requests).toEqual([]);
    });

    it('goes on when the same user signs in again, whatever case they type their email in', async () => {
      await excelFriendlyCsvItem.setValue(true);
      const { jobs, session, bodies } = await setup((_url, call) =>
        call === 1 ? 'drop-mid-body' : call === 2 ? boom(401) : undefined,
      );
      const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await expect.poll(() => stateOf(jobId)).toBe('waiting-for-sign-in');
      await session.signIn({
        account: 'acme.leankit.com',
        email: sim.demo.email.toUpperCase(),
        password: sim.demo.password,
      });
      await done;
      const finished = await job(jobId);
      expect(finished?.state).toBe('done');

      const clean = await setup();
      const again = await clean.jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await again.done;
      expect(bodies.get(finished?.downloadId ?? 0)).toBe(
        clean.bodies.get((await job(again.jobId))?.downloadId ?? 0),
      );
    });
  });

  describe('signing out stops the user’s exports', () => {
    it('one whose file the browser is saving: cancelled, saying why, its partial file removed', async () => {
      const { jobs, session, downloads } = await setup();
      downloads.onStart = undefined; // the save runs until the browser is told otherwise
      const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await expect.poll(async () => (await job(jobId))?.downloadId).toBe(1);

      await session.signOut();
      await done;
      expect(await job(jobId)).toMatchObject({
        state: 'cancelled',
        error: { kind: 'signed-out', message: 'Stopped because you signed out.' },
      });
      expect(downloads.cancelled).toContain(1);
      expect(downloads.items.size).toBe(0);
    });

    it.each([
      ['a direct', false],
      ['an Excel-friendly', true],
    ])('%s export mid-body: cancelled, nothing saved', async (_name, excelFriendly) => {
      await excelFriendlyCsvItem.setValue(excelFriendly);
      const { jobs, session, downloads } = await setup(() => 'stall-mid-body');
      const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await expect.poll(async () => (await job(jobId))?.bytes ?? 0).toBeGreaterThan(0);

      await session.signOut();
      await done;
      expect(await job(jobId)).toMatchObject({ state: 'cancelled', error: { kind: 'signed-out' } });
      expect(downloads.requests).toEqual([]);
    });

    it('one waiting for sign-in: cancelled, and a later sign-in does not bring it back', async () => {
      const { jobs, session, downloads } = await setup();
      sim.expireAllTokens();
      const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await expect.poll(() => stateOf(jobId)).toBe('waiting-for-sign-in');
      const requestsBefore = downloads.requests.length;

      await session.signOut();
      await done;
      expect(await job(jobId)).toMatchObject({
        state: 'cancelled',
        error: { kind: 'signed-out', message: 'Stopped because you signed out.' },
      });
      await session.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
      expect(await stateOf(jobId)).toBe('cancelled');
      expect(downloads.requests).toHaveLength(requestsBefore);
    });

    it('a user’s own cancel still reads as a plain cancel', async () => {
      const { jobs, downloads } = await setup();
      downloads.onStart = undefined;
      const { jobId, done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      jobs.cancel(jobId);
      await done;
      expect((await job(jobId))?.error).toEqual({ kind: 'aborted', message: 'Cancelled.' });
    });
  });

  it('keeps every unfinished export’s record, however many run at once; trims finished ones', async () => {
    const { jobs, downloads } = await setup();
    downloads.onStart = undefined;
    const started = [];
    for (let i = 0; i < 22; i++) {
      started.push(await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] }));
    }
    expect(await jobsItem.getValue()).toHaveLength(22);
    await expect.poll(() => downloads.requests.length).toBe(22);
    for (const id of downloads.items.keys()) downloads.complete(id, 10);
    await Promise.all(started.map(({ done }) => done));
    expect((await jobsItem.getValue()).map((j) => j.state)).toEqual(Array(22).fill('done'));

    // The next export drops the oldest finished ones, down to 20 records in all.
    downloads.onStart = (id) => downloads.complete(id, 10);
    const next = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    const kept = await jobsItem.getValue();
    expect(kept.map((j) => j.id)).toEqual([
      next.jobId,
      ...started
        .slice(3)
        .map(({ jobId }) => jobId)
        .reverse(),
    ]);
    await next.done;
  });

  it('retries a 503 and a 429 with backoff, then saves the export', async () => {
    const { jobs, bodies } = await setup((_url, call) =>
      call === 1 ? boom(503) : call === 2 ? boom(429, { 'Retry-After': '0' }) : undefined,
    );
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job).toMatchObject({ state: 'done', attempt: 3 });
    expect(bodies.get(job?.downloadId ?? 0)).toBe(
      (await sim.body('/io/reporting/export/cards?format=csv')).toString(),
    );
  });

  it('gives up after the last attempt with a clear message', async () => {
    const { jobs, downloads } = await setup(() => boom(502));
    const { done } = await jobs.start({ reportId: 'cards', format: 'tab', boardIds: [] });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.state).toBe('failed');
    expect(job?.error?.kind).toBe('server');
    expect(job?.error?.message).toBe(
      'LeanKit had a problem answering. Try again in a few minutes. (Gave up after 3 attempts.)',
    );
    expect(downloads.items.size).toBe(0);
  });

  it('keeps saying the server failed when later attempts cannot be sent (Chrome throttles an extension after 5xx answers)', async () => {
    // The offscreen document's fetch (here, in this page) builds the file.
    const { jobs } = await setup((_url, call) => (call === 1 ? boom(500) : 'unreachable'));
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.error).toMatchObject({
      kind: 'server',
      message:
        'LeanKit had a problem answering. Try again in a few minutes. (Gave up after 3 attempts.)',
    });
  });

  it('says the account could not be reached when no attempt got an answer', async () => {
    const { jobs } = await setup(() => 'unreachable');
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.error).toMatchObject({
      kind: 'unreachable',
      message:
        'Could not reach acme.leankit.com. Check the account name and your internet connection. (Gave up after 3 attempts.)',
    });
  });

  it('publishes when it retries and how many attempts it has, for the popup to say so', async () => {
    const { jobs } = await setup((_url, call) => (call === 1 ? boom(503) : undefined));
    const seen: Partial<ExportJob>[] = [];
    const unwatch = jobsItem.watch(([job]) => {
      if (job) seen.push({ state: job.state, attempt: job.attempt, retryAt: job.retryAt });
    });
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await done;
    unwatch();
    const retrying = seen.find((job) => job.retryAt !== undefined);
    // random() = 0.5 of a 1 ms cap rounds down to no wait: the retry is due at once.
    expect(retrying).toEqual({
      state: 'running',
      attempt: 2,
      retryAt: new Date(2026, 10, 27, 14, 5).getTime(),
    });
    expect((await jobsItem.getValue())[0]).toMatchObject({ state: 'done', maxAttempts: 3 });
  });

  it.each(['csv', 'tab', 'json'] as const)(
    'finds a direct %s export without rows empty (0 rows) from its own bytes, and one with rows not',
    async (format) => {
      const asked: string[] = [];
      const { jobs } = await setup((url) => void asked.push(url.search));
      const board = sim.boards[0]?.id ?? '';
      // A board the user cannot see: LeanKit answers with a valid export without rows.
      const empty = await jobs.start({ reportId: 'cards', format, boardIds: ['999999'] });
      await empty.done;
      const full = await jobs.start({ reportId: 'cards', format, boardIds: [board] });
      await full.done;
      const byId = new Map((await jobsItem.getValue()).map((job) => [job.id, job]));
      expect(byId.get(empty.jobId)).toMatchObject({ state: 'done', rows: 0 });
      expect(byId.get(full.jobId)?.state).toBe('done');
      expect(byId.get(full.jobId)?.rows).toBeUndefined();
      // One request each: no second one to ask LeanKit whether the export has a row.
      expect(asked).toEqual([
        `?format=${format}&boardId=999999`,
        `?format=${format}&boardId=${board}`,
      ]);
    },
  );

  it('does not retry what cannot pass by itself (403)', async () => {
    let calls = 0;
    const { jobs } = await setup(() => {
      calls += 1;
      return boom(403);
    });
    const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
    await done;
    expect((await jobsItem.getValue())[0]?.error?.kind).toBe('forbidden');
    expect(calls).toBe(1);
  });

  describe('Excel-friendly CSV (processed)', () => {
    beforeEach(() => excelFriendlyCsvItem.setValue(true));

    it('saves a BOM-prefixed, guarded CSV built from chunks, with rows counted', async () => {
      const { jobs, bodies, downloads } = await setup();
      const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await done;
      const [job] = await jobsItem.getValue();
      const served = (await sim.body('/io/reporting/export/cards?format=csv')).toString();
      const rows = served.split('\r\n').length - 2;
      expect(job).toMatchObject({ state: 'done', route: 'processed', rows });
      expect(downloads.requests[0]?.url).toMatch(/^blob:/);
      const saved = bodies.get(job?.downloadId ?? 0) ?? '';
      expect(saved.startsWith('\uFEFF"cardId"')).toBe(true);
      expect(saved).not.toMatch(/(^|,)"[=+@-]/m);
      expect(saved.length).toBeGreaterThan(served.length);
    });

    it('resumes a dropped connection after the last whole row: none missing, none twice', async () => {
      const offsets: (string | null)[] = [];
      const { jobs, bodies } = await setup((url, call) => {
        offsets.push(url.searchParams.get('offset'));
        return call === 1 ? 'drop-mid-body' : undefined;
      });
      const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await done;
      const [job] = await jobsItem.getValue();
      expect(job?.state).toBe('done');
      expect(offsets[0]).toBeNull();
      expect(Number(offsets[1])).toBeGreaterThan(0);

      const clean = await setup();
      await excelFriendlyCsvItem.setValue(true);
      const again = await clean.jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await again.done;
      const [reference] = await jobsItem.getValue();
      expect(bodies.get(job?.downloadId ?? 0)).toBe(clean.bodies.get(reference?.downloadId ?? 0));
    });
  });

  describe('an Excel-friendly (processed) export that stops arriving', () => {
    beforeEach(async () => {
      await excelFriendlyCsvItem.setValue(true);
      await fakeBrowser.storage.session.set({ stallTimeoutMs: 250 });
    });

    it('gives up on a body that stalls mid-way and resumes after its last whole row', async () => {
      const offsets: (string | null)[] = [];
      const { jobs, bodies } = await setup((url, call) => {
        offsets.push(url.searchParams.get('offset'));
        return call === 1 ? 'stall-mid-body' : undefined;
      });
      const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await done;
      const [job] = await jobsItem.getValue();
      expect(job?.state).toBe('done');
      expect(offsets).toHaveLength(2);
      expect(Number(offsets[1])).toBeGreaterThan(0);

      const clean = await setup();
      const again = await clean.jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await again.done;
      const [reference] = await jobsItem.getValue();
      expect(bodies.get(job?.downloadId ?? 0)).toBe(clean.bodies.get(reference?.downloadId ?? 0));
    });

    it('fails with the timeout message after the last attempt when nothing ever arrives', async () => {
      const silent = () =>
        new Response(new ReadableStream({ pull: () => new Promise<void>(() => {}) }));
      const { jobs, downloads } = await setup(silent);
      const { done } = await jobs.start({ reportId: 'cards', format: 'csv', boardIds: [] });
      await done;
      const [job] = await jobsItem.getValue();
      expect(job).toMatchObject({ state: 'failed', attempt: 3, maxAttempts: 3 });
      expect(job?.error).toEqual({
        kind: 'timeout',
        message:
          'acme.leankit.com sent nothing for 1 second. Check your connection and try again; if it keeps happening, LeanKit may be overloaded: try again later. (Gave up after 3 attempts.)',
      });
      expect(downloads.items.size).toBe(0);
    });
  });

  describe('Excel-friendly TAB (processed)', () => {
    beforeEach(() => excelFriendlyCsvItem.setValue(true));

    it('saves a BOM-prefixed, guarded TAB file that resumes a dropped connection after the last whole row', async () => {
      const { jobs, bodies } = await setup((_url, call) =>
        call === 1 ? 'drop-mid-body' : undefined,
      );
      const { done } = await jobs.start({ reportId: 'cards', format: 'tab', boardIds: [] });
      await done;
      const [job] = await jobsItem.getValue();
      const served = (await sim.body('/io/reporting/export/cards?format=tab')).toString();
      expect(served).toMatch(/(^|\t)[=+@-]/m);
      expect(job).toMatchObject({
        state: 'done',
        route: 'processed',
        fileName: expect.stringMatching(/\.tsv$/),
      });
      const saved = bodies.get(job?.downloadId ?? 0) ?? '';
      expect(saved.startsWith('\uFEFFcardId\t')).toBe(true);
      expect(saved).not.toMatch(/(^|\t)[=+@]/m);
      const lines = (text: string) => text.split('\r\n').filter((line) => line !== '');
      expect(lines(saved)).toHaveLength(lines(served).length);
      expect(job?.rows).toBe(lines(served).length - 1);
    });
  });

  it.each([true, false])(
    'makes XLSX from LeanKit’s CSV on the processed route, rows counted, whatever the Excel-friendly setting (%s)',
    async (excelFriendly) => {
      await excelFriendlyCsvItem.setValue(excelFriendly);
      const asked: string[] = [];
      const { jobs, bodies } = await setup((url) => void asked.push(url.search));
      const { done } = await jobs.start({ reportId: 'cards', format: 'xlsx', boardIds: [] });
      await done;
      const [job] = await jobsItem.getValue();
      expect(job).toMatchObject({
        state: 'done',
        route: 'processed',
        rows: 20,
        fileName: expect.stringMatching(/\.xlsx$/),
      });
      expect(asked).toEqual(['?format=csv']);
      // A zip archive, as every workbook is.
      expect(bodies.get(job?.downloadId ?? 0)?.startsWith('PK\u0003\u0004')).toBe(true);
    },
  );

  it('tells the user, in the job’s notes, that an XLSX export goes on to a second sheet', async () => {
    const cards = findReport('cards') as Report;
    // Eleven rows a sheet, the header included: the 20 cards take two sheets.
    const fewRowsASheet: ConverterFactory = (options) =>
      createXlsxPipeline({ report: cards, recipe: options.recipe, maxRowsPerSheet: 11 });
    const builder = exportBuilder(
      inThisPage(new ExportBuilds(faultyFetch(simulatorFetch(sim)), fewRowsASheet)),
    );
    const { jobs } = await setup(undefined, undefined, { builder });
    const { done } = await jobs.start({ reportId: 'cards', format: 'xlsx', boardIds: [] });
    await done;
    expect((await jobsItem.getValue())[0]).toMatchObject({
      state: 'done',
      rows: 20,
      notes: [
        'The export has more rows than an Excel sheet holds; it continues on the sheet “cards (2)”.',
      ],
    });
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

  describe('with a recipe and a preset', () => {
    const columns = { columns: ['cardId', 'cardTitle'] };
    const acme = 'https://acme.leankit.com';
    const startedAt = new Date(2026, 10, 27, 14, 5);

    it('records the recipe and the preset, and processes the export even when not Excel-friendly', async () => {
      const { jobs, downloads } = await setup();
      const { jobId, done } = await jobs.start({
        reportId: 'cards',
        format: 'csv',
        boardIds: [],
        recipe: columns,
        presetId: 'p1',
      });
      expect(await job(jobId)).toMatchObject({
        route: 'processed',
        excelFriendly: false,
        recipe: columns,
        presetId: 'p1',
      });
      await done;
      expect(await stateOf(jobId)).toBe('done');
      expect(downloads.requests[0]?.url).toMatch(/^blob:/);
    });

    it('records that a processed export is Excel-friendly, as the setting was when it started', async () => {
      await excelFriendlyCsvItem.setValue(true);
      const { jobs } = await setup();
      const { jobId, done } = await jobs.start({
        reportId: 'cards',
        format: 'tab',
        boardIds: [],
        recipe: columns,
      });
      expect(await job(jobId)).toMatchObject({
        route: 'processed',
        excelFriendly: true,
        recipe: columns,
      });
      await done;
    });

    it('goes direct, recording no recipe, when the recipe asks for nothing', async () => {
      const { jobs } = await setup();
      const { jobId, done } = await jobs.start({
        reportId: 'cards',
        format: 'csv',
        boardIds: [],
        recipe: { filters: { laneIds: [], cardTypeIds: [] }, humanHeaders: false },
      });
      await done;
      const record = await job(jobId);
      expect(record).toMatchObject({ route: 'direct', state: 'done' });
      expect(record).not.toHaveProperty('recipe');
      expect(record).not.toHaveProperty('excelFriendly');
    });

    it.each([
      [
        'JSON with columns',
        { format: 'json' as const, recipe: columns },
        'Columns and filters work with CSV, TAB and XLSX exports.',
      ],
      [
        'a malformed recipe',
        { recipe: { columns: 'cardId' } as never },
        'The column list must be a list of names.',
      ],
      [
        '"changed since" without a preset',
        { recipe: { filters: { changedSinceLastExport: true } } },
        '"Changed since my last export" works with a saved preset. Save these columns and filters as a preset, then export with it.',
      ],
    ])('refuses %s before starting anything, saying why', async (_name, change, message) => {
      const { jobs } = await setup();
      await expect(
        jobs.start({ reportId: 'cards', format: 'csv', boardIds: [], ...change }),
      ).rejects.toMatchObject({ kind: 'bad-request', message });
      expect(await jobsItem.getValue()).toEqual([]);
    });

    it('"changed since my last export": every row the first time, saying so; then since that export began', async () => {
      const { jobs } = await setup();
      const request = {
        reportId: 'cards',
        format: 'csv' as const,
        boardIds: [],
        recipe: { filters: { changedSinceLastExport: true } },
        presetId: 'p1',
      };
      const first = await jobs.start(request);
      const firstJob = await job(first.jobId);
      expect(firstJob).not.toHaveProperty('changedSince');
      expect(firstJob?.notes).toEqual([
        'This preset had not exported from this account before, so the file has every row. Next time it will have only the rows changed since this export began.',
      ]);
      await first.done;
      expect(await lastPresetExport('p1', acme)).toBe(startedAt.getTime());

      const second = await jobs.start(request);
      const secondJob = await job(second.jobId);
      expect(secondJob?.changedSince).toBe(startedAt.toISOString());
      expect(secondJob).not.toHaveProperty('notes');
      await second.done;
    });

    it('remembers only an export that finished done as the preset’s last export', async () => {
      const { jobs } = await setup(() => boom(403));
      const { jobId, done } = await jobs.start({
        reportId: 'cards',
        format: 'csv',
        boardIds: [],
        recipe: columns,
        presetId: 'p1',
      });
      await done;
      expect(await stateOf(jobId)).toBe('failed');
      expect(await lastPresetExport('p1', acme)).toBeUndefined();
    });

    it('reads the customfields report of the same boards first, for custom fields as columns', async () => {
      const { jobs } = await setup();
      const board = sim.boards[1]?.id ?? '';
      const before = sim.requests.length;
      const { jobId, done } = await jobs.start({
        reportId: 'cards',
        format: 'csv',
        boardIds: [board],
        recipe: { customFields: true },
      });
      await done;
      expect(await stateOf(jobId)).toBe('done');
      const asked = sim.requests
        .slice(before)
        .filter((r) => r.path.startsWith('/io/reporting/export/'))
        .map((r) => [r.path, r.query.boardId]);
      expect(asked).toEqual([
        ['/io/reporting/export/customfields', board],
        ['/io/reporting/export/cards', board],
      ]);
    });

    it('retries the customfields report as any request, each attempt read afresh', async () => {
      sim.faults.add({
        fault: { kind: 'status', status: 503 },
        path: '/io/reporting/export/customfields',
      });
      sim.faults.add({
        fault: { kind: 'drop-after-bytes', bytes: 40 },
        path: '/io/reporting/export/customfields',
      });
      try {
        const { jobs } = await setup();
        const before = sim.requests.length;
        const { jobId, done } = await jobs.start({
          reportId: 'cards',
          format: 'csv',
          boardIds: [],
          recipe: { customFields: true },
        });
        await done;
        expect(await job(jobId)).toMatchObject({ state: 'done', attempt: 3 });
        const customFieldRequests = sim.requests
          .slice(before)
          .filter((r) => r.path === '/io/reporting/export/customfields');
        expect(customFieldRequests.map((r) => r.fault)).toEqual([
          'status',
          'drop-after-bytes',
          undefined,
        ]);
      } finally {
        sim.faults.clear();
      }
    });
  });
});
