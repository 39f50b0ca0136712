// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import { FORMATS } from '../../formats';
import { NO_ROW_MATCHED } from '../../recipes/recipe';
import { type BuildAttempt, ExportBuilds } from '../exportBuilds';
import { rowPipelineConverter } from '../rowConverter';
import type { SheetCommand } from '../sheetWorker';
import { BATCH_BYTES, MAX_BYTES_IN_FLIGHT, workbookWorkers } from '../workbookWorkers';
import { faultyFetch } from './engineHarness';
import { type InProcessOptions, inProcessWorkers } from './inProcessWorkers';

let sim: Simulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 10 });
  token = await signIn(simulatorFetch(sim), sim);
});
afterAll(() => sim.close());

const XLSX = FORMATS.xlsx.mimeType;
const WORKBOOK = { reportId: 'cards', format: 'xlsx', excelFriendly: false, recipe: {} } as const;

function cards(convert: BuildAttempt['convert'] = WORKBOOK): BuildAttempt {
  return {
    origin: 'https://acme.leankit.com',
    token,
    request: { reportId: 'cards', format: 'csv', boardIds: [] },
    stallTimeoutMs: 5_000,
    convert,
  };
}

/** Builds in workers run in this thread (inProcessWorkers), and the workers started. */
function inWorkers(fetch: typeof globalThis.fetch, options?: InProcessOptions) {
  const workers = inProcessWorkers(options);
  const builds = new ExportBuilds(fetch, workbookWorkers(workers.start, rowPipelineConverter));
  return { builds, started: workers.started };
}

/**
 * The built workbook: each zip entry's path and text, in order. (Its bytes also hold the time
 * each entry was written, to 2 seconds.)
 */
async function fileOf(builds: ExportBuilds): Promise<[string, string][]> {
  const blob = resolveObjectURL(builds.finish('job', XLSX));
  const zipped = new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0));
  return Object.entries(unzipSync(zipped)).map(([path, bytes]) => [path, strFromU8(bytes)]);
}

/** The workbook as built on the page itself, for the same attempt. */
async function builtHere(attempt: BuildAttempt): Promise<[string, string][]> {
  const builds = new ExportBuilds(simulatorFetch(sim), rowPipelineConverter);
  expect(await builds.attempt('job', attempt)).toMatchObject({ ok: true });
  return fileOf(builds);
}

/** A fetch that logs every URL it is asked for. */
function logged(fetch: typeof globalThis.fetch) {
  const urls: URL[] = [];
  const logging: typeof globalThis.fetch = (input, init) => {
    urls.push(new URL(String(input)));
    return fetch(input, init);
  };
  return { fetch: logging, urls };
}

/** Resolves once the build has received some bytes. */
function someBytes(builds: ExportBuilds): Promise<void> {
  return new Promise<void>((resolve) => {
    const wait = () =>
      builds.attach('job', (progress) => progress.bytes > 0 && resolve()) ?? setTimeout(wait, 5);
    wait();
  });
}

/** A CSV of `rows` rows of about 200 bytes, served in reads of `read` bytes. */
function bigBody(rows: number, read = 1 << 20) {
  const header = '"cardId","cardTitle","cardDescription"\r\n';
  const row = (i: number) => `"${i}","Card ${i}","${'x'.repeat(180)}"\r\n`;
  const body = new TextEncoder().encode(
    header + Array.from({ length: rows }, (_, i) => row(i)).join(''),
  );
  const fetch: typeof globalThis.fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < body.byteLength; at += read) {
            controller.enqueue(body.slice(at, at + read));
          }
          controller.close();
        },
      }),
      { headers: { 'content-type': 'text/csv' } },
    );
  return { fetch, bytes: body.byteLength };
}

describe('XLSX workbooks converted in workers', () => {
  it('are the workbook the page makes itself, part for part, their rows counted', async () => {
    const { builds, started } = inWorkers(simulatorFetch(sim));
    expect(await builds.attempt('job', cards())).toMatchObject({
      ok: true,
      progress: { rows: 20, received: 20, notes: [] },
    });
    expect(started.map((worker) => worker.script)).toEqual([
      'xlsx-sheet-worker',
      'xlsx-zip-worker',
    ]);
    expect(await fileOf(builds)).toEqual(await builtHere(cards()));
  });

  it('end their workers as soon as the workbook is whole', async () => {
    const { builds, started } = inWorkers(simulatorFetch(sim));
    await builds.attempt('job', cards());
    expect(started.map((worker) => worker.terminated)).toEqual([true, true]);
  });

  it('join custom fields in the sheet worker as the page does', async () => {
    const attempt = cards({ ...WORKBOOK, recipe: { customFields: true } });
    const { builds } = inWorkers(simulatorFetch(sim));
    expect(await builds.attempt('job', attempt)).toMatchObject({ ok: true });
    expect(await fileOf(builds)).toEqual(await builtHere(attempt));
  });

  it('bring the sheet worker’s notes back', async () => {
    const recipe = { filters: { laneIds: ['no-such-lane'] } };
    const { builds } = inWorkers(simulatorFetch(sim));
    expect(await builds.attempt('job', cards({ ...WORKBOOK, recipe }))).toMatchObject({
      ok: true,
      progress: { rows: 0, received: 20, notes: [NO_ROW_MATCHED] },
    });
  });

  it('resume a cut body after the rows read, to the same workbook as an uncut export', async () => {
    const { fetch, urls } = logged(
      faultyFetch(simulatorFetch(sim), (_url, call) => (call === 1 ? 'drop-mid-body' : undefined)),
    );
    const { builds, started } = inWorkers(fetch);
    const first = await builds.attempt('job', cards());
    expect(first).toMatchObject({ ok: false, error: { kind: 'network' } });
    const kept = first.progress.received ?? 0;
    expect(kept).toBeGreaterThan(0);
    // The workbook goes on in the same workers.
    expect(started.some((worker) => worker.terminated)).toBe(false);

    expect(await builds.attempt('job', cards())).toMatchObject({
      ok: true,
      progress: { rows: 20, received: 20 },
    });
    expect(urls[1]?.searchParams.get('offset')).toBe(String(kept));
    expect(started).toHaveLength(2);
    expect(await fileOf(builds)).toEqual(await builtHere(cards()));
  });

  it('end their workers on cancel; the next attempt starts the workbook afresh', async () => {
    const { fetch, urls } = logged(
      faultyFetch(simulatorFetch(sim), (_url, call) => (call === 1 ? 'stall-mid-body' : undefined)),
    );
    const { builds, started } = inWorkers(fetch);
    const running = builds.attempt('job', { ...cards(), stallTimeoutMs: 60_000 });
    await someBytes(builds);
    builds.cancel('job');
    expect(await running).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    expect(started.map((worker) => worker.terminated)).toEqual([true, true]);

    expect(await builds.attempt('job', cards())).toMatchObject({
      ok: true,
      progress: { rows: 20 },
    });
    expect(urls[1]?.searchParams.has('offset')).toBe(false);
    expect(started).toHaveLength(4);
    expect(await fileOf(builds)).toEqual(await builtHere(cards()));
  });

  it('fail the attempt when a worker crashes, as when the page that builds the file stops; the retry starts afresh', async () => {
    const { fetch, urls } = logged(simulatorFetch(sim));
    let crashed = false;
    const workers = inProcessWorkers({
      beforeEach(script, data) {
        if (script !== 'xlsx-sheet-worker' || crashed) return;
        if ((data as SheetCommand).op !== 'bytes') return;
        crashed = true;
        workers.started.find((worker) => worker.script === 'xlsx-zip-worker')?.crash();
      },
    });
    const builds = new ExportBuilds(fetch, workbookWorkers(workers.start, rowPipelineConverter));
    expect(await builds.attempt('job', cards())).toMatchObject({
      ok: false,
      error: {
        kind: 'network',
        message: 'The page that builds the file stopped during the download. Try again.',
      },
    });
    expect(workers.started.map((worker) => worker.terminated)).toEqual([true, true]);

    expect(await builds.attempt('job', cards())).toMatchObject({
      ok: true,
      progress: { rows: 20 },
    });
    expect(urls[1]?.searchParams.has('offset')).toBe(false);
    expect(await fileOf(builds)).toEqual(await builtHere(cards()));
  });

  it('end their workers on release', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), () => 'drop-mid-body');
    const { builds, started } = inWorkers(fetch);
    await builds.attempt('job', cards());
    expect(started.some((worker) => worker.terminated)).toBe(false);
    builds.release('job');
    expect(started.map((worker) => worker.terminated)).toEqual([true, true]);
  });

  it('leave CSV and TAB to the page: no worker starts for them', async () => {
    const { builds, started } = inWorkers(simulatorFetch(sim));
    const csv = { reportId: 'cards', format: 'csv', excelFriendly: true, recipe: {} } as const;
    expect(await builds.attempt('job', cards(csv))).toMatchObject({ ok: true });
    expect(started).toEqual([]);
  });
});

describe('what waits in the workers', () => {
  it('is at most MAX_BYTES_IN_FLIGHT of LeanKit’s bytes and one read (of 1 MB, more than a batch), however slow they are', async () => {
    const { fetch, bytes } = bigBody(80_000);
    expect(bytes).toBeGreaterThan(3 * MAX_BYTES_IN_FLIGHT);
    let sent = 0;
    let converted = 0;
    let most = 0;
    const { builds } = inWorkers(fetch, {
      async beforeEach(script, data) {
        if (script !== 'xlsx-sheet-worker') return;
        const command = data as SheetCommand;
        if (command.op !== 'bytes') return;
        // Everything the page sent so far has arrived: the network is faster than this worker.
        await new Promise((resolve) => setTimeout(resolve, 20));
        most = Math.max(most, sent - converted);
        for (const bytes of command.bytes) converted += bytes.byteLength;
      },
    });
    const seen = builds.attempt('job', cards(), (progress) => {
      sent = progress.bytes;
    });
    expect(await seen).toMatchObject({ ok: true, progress: { rows: 80_000 } });
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_BYTES_IN_FLIGHT + (1 << 20));
  });
});

describe('the page’s messages to the sheet worker', () => {
  it('hand on reads together while the workers are busy, BATCH_BYTES at a time, all of them by the response’s end', async () => {
    const read = 1 << 16;
    const { fetch, bytes } = bigBody(20_000, read);
    const batches: number[] = [];
    const { builds } = inWorkers(fetch, {
      beforeEach(script, data) {
        const command = data as SheetCommand;
        if (script !== 'xlsx-sheet-worker' || command.op !== 'bytes') return;
        batches.push(command.bytes.reduce((sum, array) => sum + array.byteLength, 0));
      },
    });
    expect(await builds.attempt('job', cards())).toMatchObject({ ok: true });
    expect(batches.reduce((sum, batch) => sum + batch, 0)).toBe(bytes);
    // The first read goes to idle workers at once; after it, BATCH_BYTES of reads at a time.
    expect(batches[0]).toBe(read);
    for (const batch of batches.slice(1, -1)) expect(batch).toBe(BATCH_BYTES);
    expect(batches.at(-1)).toBeLessThanOrEqual(BATCH_BYTES);
  });
});
