// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { builderFor, downloadingBrowser } from '@/lib/jobs/__tests__/engineHarness';
import { FakeDownloads } from '@/lib/jobs/__tests__/fakeDownloads';
import { createDownloader } from '@/lib/jobs/downloads';
import { createExportJobs } from '@/lib/jobs/exportJobs';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import { createSessionService } from '@/lib/session';
import { boardListItem, jobsItem, sessionItem } from '@/lib/storage/items';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { type SnapshotJob, snapshotSpec } from '../snapshotJob';
import { SNAPSHOT_PLAN } from '../snapshotPlan';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 10 });
});
afterAll(() => sim.close());
beforeEach(() => fakeBrowser.reset());
afterEach(() => sim.faults.clear());

/** The engine as the background builds it, over the simulator; downloads saved in memory. */
async function setup(
  downloads = new FakeDownloads(),
  fetch = simulatorFetch(sim),
  builder = builderFor(fetch),
) {
  const session = createSessionService({ fetch });
  const browser = downloadingBrowser(downloads);
  const files = new Map<number, Uint8Array>();
  const started = downloads.onStart;
  downloads.onStart = (id) => {
    const blob = resolveObjectURL(downloads.requests.at(-1)?.url ?? '');
    void blob?.arrayBuffer().then((bytes) => files.set(id, new Uint8Array(bytes)));
    started?.(id);
  };
  const jobs = createExportJobs({
    session,
    downloader: createDownloader({ downloads: browser.downloads }),
    builder,
    now: () => new Date(2026, 10, 30, 7, 5),
    random: () => 0.5,
    retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });
  await session.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
  return { jobs, downloads, files };
}

const board = () => sim.boards[0] as { id: string; title: string };

describe('a board snapshot job', () => {
  it('saves one workbook named for the snapshot, its rows counted', async () => {
    const { id, title } = board();
    await boardListItem.setValue({ origin: 'https://acme.leankit.com', boards: [{ id, title }] });
    const { jobs, downloads, files } = await setup();
    const { jobId, done } = await jobs.startSnapshot({ boardIds: [id], output: 'xlsx' });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job).toMatchObject({
      id: jobId,
      state: 'done',
      reportId: 'snapshot',
      fileName: `leankit-acme-snapshot-board${id}-20261130-0705.xlsx`,
      snapshot: { output: 'xlsx', boards: [{ id, title }] },
    });
    expect(job?.rows).toBeGreaterThan(0);
    expect(downloads.requests).toHaveLength(1);
    expect(downloads.requests[0]?.filename).toBe(job?.fileName);
    const parts = Object.keys(unzipSync(files.get(job?.downloadId ?? -1) as Uint8Array));
    expect(parts).toContain(`xl/worksheets/sheet${SNAPSHOT_PLAN.length + 1}.xml`);
  });

  it('saves a zip of CSV files as .zip', async () => {
    const { jobs, files } = await setup();
    const { done } = await jobs.startSnapshot({ boardIds: [board().id], output: 'csv-zip' });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.fileName).toMatch(/-snapshot-board\d+-20261130-0705\.zip$/);
    const names = Object.keys(unzipSync(files.get(job?.downloadId ?? -1) as Uint8Array));
    expect(names).toEqual([...SNAPSHOT_PLAN.map((step) => step.fileName), 'about.csv']);
  });

  it('fails, saving nothing, when a report fails after its retries, saying which and why', async () => {
    sim.faults.add({
      fault: { kind: 'status', status: 500 },
      path: '/io/reporting/export/lanes',
      times: Infinity,
    });
    const { jobs, downloads } = await setup();
    const { done } = await jobs.startSnapshot({ boardIds: [board().id], output: 'xlsx' });
    await done;
    const [job] = await jobsItem.getValue();
    expect(job?.state).toBe('failed');
    expect(job?.error?.kind).toBe('server');
    expect(job?.error?.message).toMatch(/^Lanes report: .+ \(Gave up after 2 attempts\.\)$/);
    expect(downloads.requests).toHaveLength(0);
  });

  it('keeps the server failure as the reason when the retry gets no answer (Chrome throttles after 5xx)', async () => {
    const simFetch = simulatorFetch(sim);
    let lanesCalls = 0;
    const fetch: typeof globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === '/io/reporting/export/lanes' && ++lanesCalls > 1) {
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return simFetch(input, init);
    };
    sim.faults.add({
      fault: { kind: 'status', status: 500 },
      path: '/io/reporting/export/lanes',
      times: 1,
    });
    const { jobs } = await setup(new FakeDownloads(), fetch);
    const { done } = await jobs.startSnapshot({ boardIds: [board().id], output: 'xlsx' });
    await done;
    const [job] = await jobsItem.getValue();
    expect(lanesCalls).toBe(2);
    expect(job?.error).toEqual({
      kind: 'server',
      message:
        'Lanes report: LeanKit had a problem answering. Try again in a few minutes. (Gave up after 2 attempts.)',
    });
  });

  it('says which report is running, and cancelled, saves nothing', async () => {
    sim.faults.add({
      fault: { kind: 'stall-after-bytes', bytes: 200 },
      path: '/io/reporting/export/cardpositions',
    });
    const { jobs, downloads } = await setup();
    const { jobId, done } = await jobs.startSnapshot({ boardIds: [board().id], output: 'xlsx' });
    await expect
      .poll(async () => (await jobsItem.getValue())[0]?.step)
      .toEqual({
        label: 'Card positions',
        number: 2,
        count: SNAPSHOT_PLAN.length,
      });
    jobs.cancel(jobId);
    await done;
    expect((await jobsItem.getValue())[0]?.state).toBe('cancelled');
    expect(downloads.requests).toHaveLength(0);
  });

  it('after a worker restart, re-attaches to the snapshot the old worker started, asking LeanKit nothing more', async () => {
    const asked: string[] = [];
    const base = simulatorFetch(sim);
    const counted: typeof globalThis.fetch = (input, init) => {
      // The reports' requests; signing in checks the token with the boards report.
      if (/\/export\/(?!boards\?)/.test(String(input))) asked.push(String(input));
      return base(input, init);
    };
    // One offscreen document for both workers: it outlives the first.
    const builder = builderFor(counted);
    const first = await setup(new FakeDownloads(), counted, builder);
    const { done } = await first.jobs.startSnapshot({ boardIds: [board().id], output: 'csv-zip' });
    await done;
    const [finished] = await jobsItem.getValue();
    const token = (await sessionItem.getValue())?.token ?? '';
    // The old worker's build, which ran on in the document after that worker stopped.
    await builder.attempt(
      'job-1',
      {
        origin: 'https://acme.leankit.com',
        token,
        request: { reportId: 'snapshot', format: 'csv', boardIds: [board().id] },
        stallTimeoutMs: 5_000,
        snapshot: snapshotSpec(finished as ExportJob, finished?.snapshot as SnapshotJob),
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    await jobsItem.setValue([
      { ...(finished as ExportJob), id: 'job-1', state: 'running', downloadId: undefined },
    ]);
    const requestsBefore = asked.length;
    const restarted = await setup(new FakeDownloads(), counted, builder);
    await restarted.jobs.resumeInterrupted();
    const [job] = await jobsItem.getValue();
    expect(job?.state).toBe('done');
    expect(asked.slice(requestsBefore)).toEqual([]);
    const names = Object.keys(unzipSync(restarted.files.get(job?.downloadId ?? -1) as Uint8Array));
    expect(names).toEqual([...SNAPSHOT_PLAN.map((step) => step.fileName), 'about.csv']);
  });
});
