// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import { readWorkbook } from '@/tests/support/openpyxl';
import { FORMATS } from '../../formats';
import { createXlsxPipeline } from '../../pipeline/xlsxPipeline';
import { findReport, type Report } from '../../reports';
import {
  type BuildAttempt,
  type BuildProgress,
  CONVERTED_PART_BYTES,
  ExportBuilds,
  STEP_BYTES,
  TOLD_FIRST_PART_BYTES,
  YIELD_BYTES,
} from '../exportBuilds';
import type { PartsMessage } from '../partsChannel';
import { type RowConverterFactory, rowPipelineConverter } from '../rowConverter';
import { faultyFetch } from './engineHarness';

let sim: Simulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 10 });
  token = await signIn(simulatorFetch(sim), sim);
});
afterAll(() => sim.close());

const CARDS = '/io/reporting/export/cards?format=csv';
const ORIGIN = 'https://acme.leankit.com';

function cards(convert?: BuildAttempt['convert']): BuildAttempt {
  return {
    origin: ORIGIN,
    token,
    request: { reportId: 'cards', format: 'csv', boardIds: [] },
    stallTimeoutMs: 2_000,
    convert,
  };
}
const excelFriendly = {
  reportId: 'cards',
  format: 'csv',
  excelFriendly: true,
  recipe: {},
} as const;

async function read(url: string): Promise<{ bytes: Buffer; type: string } | undefined> {
  const blob = resolveObjectURL(url);
  return blob && { bytes: Buffer.from(await blob.arrayBuffer()), type: blob.type };
}

/** A fetch whose cards export answers with `response`, and that logs every URL asked for. */
function answering(response: () => Response) {
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    urls.push(String(input));
    return response();
  };
  return { fetch, urls };
}

/** A fetch of the simulator whose first export breaks half-way, and that logs every URL asked for. */
function droppingOnce() {
  const urls: string[] = [];
  const faulty = faultyFetch(simulatorFetch(sim), (_url, call) =>
    call === 1 ? 'drop-mid-body' : undefined,
  );
  const fetch: typeof globalThis.fetch = (input, init) => {
    urls.push(String(input));
    return faulty(input, init);
  };
  return { fetch, urls };
}

describe('raw files (Chrome’s direct route)', () => {
  it('are LeanKit’s bytes exactly, typed, with the bytes counted as they come', async () => {
    const builds = new ExportBuilds(simulatorFetch(sim), rowPipelineConverter);
    const seen: BuildProgress[] = [];
    const outcome = await builds.attempt('job', cards(), (progress) => seen.push(progress));
    const served = await sim.body(CARDS);
    expect(outcome).toEqual({ ok: true, progress: { bytes: served.length } });
    expect(seen.at(-1)).toEqual({ bytes: served.length });
    const file = await read(builds.finish('job', 'text/csv'));
    expect(file?.type).toBe('text/csv');
    expect(file?.bytes.equals(served)).toBe(true);
  });

  it.each([
    [
      'a body shorter than its Content-Length',
      () => new Response('a,b\n1,2\n', { headers: { 'content-length': '100' } }),
      'incomplete',
    ],
    ['a close-delimited body cut mid-row', () => new Response('a,b\n1,2\n3,'), 'incomplete'],
    [
      'a 200 sign-in page',
      () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } }),
      'unexpected-answer',
    ],
    [
      'a redirect to another host',
      () => new Response(null, { status: 302, headers: { location: 'https://evil.example.com/' } }),
      'redirected',
    ],
  ])('fail on %s', async (_name, response, kind) => {
    const { fetch } = answering(response);
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    const outcome = await builds.attempt('job', cards());
    expect(outcome).toMatchObject({ ok: false, error: { kind } });
  });

  it.each([
    ['a header alone', '"cardId","cardTitle"\r\n', 0],
    ['a header and a row', '"cardId","cardTitle"\r\n"1","Fix"\r\n', undefined],
  ])('count no rows, but say 0 for a finished file of %s', async (_name, body, rows) => {
    const { fetch } = answering(
      () => new Response(body, { headers: { 'content-type': 'text/csv' } }),
    );
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    const outcome = await builds.attempt('job', cards());
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.progress.rows).toBe(rows);
  });

  it('tells a file told on a channel in parts that start small, so its reader starts soon', async () => {
    const row = `"1","${'x'.repeat(1000)}"\n`;
    const body = `"cardId","cardTitle"\n${row.repeat(3000)}`;
    const bytes = new TextEncoder().encode(body);
    const chunk = 1 << 14;
    const { fetch } = answering(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (let at = 0; at < bytes.length; at += chunk) {
                controller.enqueue(bytes.slice(at, at + chunk));
              }
              controller.close();
            },
          }),
          { headers: { 'content-type': 'text/csv' } },
        ),
    );
    const name = `parts-${crypto.randomUUID()}`;
    const listener = new BroadcastChannel(name);
    const told: PartsMessage[] = [];
    const ended = new Promise<void>((resolve) => {
      listener.onmessage = (event: MessageEvent<PartsMessage>) => {
        told.push(event.data);
        if ('end' in event.data) resolve();
      };
    });
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    expect(await builds.attempt('job', { ...cards(), partsChannel: name })).toMatchObject({
      ok: true,
    });
    await ended;
    listener.close();
    const parts = told.flatMap((message) => ('part' in message ? [message.part] : []));
    const sizes = parts.map((part) => part.size);
    // Doubling from the first part's size up to the usual one (1 MB), reads of 16 KB each.
    expect(sizes.slice(0, 5)).toEqual(
      [1, 2, 4, 8, 16].map((times) => times * TOLD_FIRST_PART_BYTES),
    );
    expect(Math.max(...sizes)).toBe(1 << 20);
    expect(await new Blob(parts).text()).toBe(body);
  });

  it('start afresh on each attempt, so a cut first attempt leaves none of its bytes', async () => {
    const { fetch } = droppingOnce();
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    expect(await builds.attempt('job', cards())).toMatchObject({
      ok: false,
      error: { kind: 'network' },
    });
    expect(await builds.attempt('job', cards())).toMatchObject({ ok: true });
    const file = await read(builds.finish('job', 'text/csv'));
    expect(file?.bytes.equals(await sim.body(CARDS))).toBe(true);
  });
});

describe('processed files', () => {
  it('resume a cut body after the rows read, and keep every row once', async () => {
    const { fetch, urls } = droppingOnce();
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    const first = await builds.attempt('job', cards(excelFriendly));
    expect(first).toMatchObject({ ok: false, error: { kind: 'network' } });
    const kept = first.progress.rows ?? 0;
    expect(kept).toBeGreaterThan(0);
    expect(await builds.attempt('job', cards(excelFriendly))).toMatchObject({
      ok: true,
      progress: { rows: 20, received: 20 },
    });
    expect(new URL(urls[1] ?? '').searchParams.get('offset')).toBe(String(kept));
    const reference = (await rowPipelineConverter(excelFriendly)).response();
    const { text: expected } = reference.push((await sim.body(CARDS)).toString('utf8')) as {
      text: string;
    };
    const file = await read(builds.finish('job', 'text/csv'));
    expect(file?.bytes.toString('utf8')).toBe(expected);
  });

  it('resume from the rows read, not the rows written, when the converter leaves rows out', async () => {
    // Keeps the header and every other row: rows written are half the rows read.
    const everyOther: RowConverterFactory = () => ({
      notes: [],
      response() {
        let received = 0;
        let lines = 0;
        let pending = '';
        return {
          push(text) {
            const all = pending + text;
            const end = all.lastIndexOf('\n') + 1;
            pending = all.slice(end);
            let out = '';
            let rows = 0;
            for (const line of all.slice(0, end).split('\n').slice(0, -1)) {
              lines += 1;
              if (lines === 1) out += `${line}\n`;
              else {
                received += 1;
                if (received % 2 === 0) {
                  out += `${line}\n`;
                  rows += 1;
                }
              }
            }
            return { text: out, rows };
          },
          get complete() {
            return pending === '' && lines > 0;
          },
          get received() {
            return received;
          },
        };
      },
    });
    const { fetch, urls } = droppingOnce();
    const builds = new ExportBuilds(fetch, everyOther);
    const first = await builds.attempt('job', cards(excelFriendly));
    const read1 = first.progress.received ?? 0;
    expect(read1).toBeGreaterThan(first.progress.rows ?? 0);
    await builds.attempt('job', cards(excelFriendly));
    expect(new URL(urls[1] ?? '').searchParams.get('offset')).toBe(String(read1));
  });
});

describe('a processed file’s working set', () => {
  /** One response of a header and `rows` rows of about 200 bytes, all in a single 2 MB read. */
  function oneBigRead(rows: number) {
    const header = '"cardId","cardTitle","cardDescription"\r\n';
    const row = (i: number) => `"${i}","Card ${i}","${'x'.repeat(180)}"\r\n`;
    const body = new TextEncoder().encode(
      header + Array.from({ length: rows }, (_, i) => row(i)).join(''),
    );
    const fetch: typeof globalThis.fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(body);
            controller.close();
          },
        }),
        { headers: { 'content-type': 'text/csv' } },
      );
    return { fetch, bytes: body.byteLength };
  }

  /** The row pipeline, telling `onPush` of each text it is given. */
  function watchedPipeline(onPush: (text: string) => void): RowConverterFactory {
    return async (options, customFields) => {
      const pipeline = await rowPipelineConverter(options, customFields);
      return {
        get notes() {
          return pipeline.notes;
        },
        response() {
          const reading = pipeline.response();
          return {
            push(text) {
              onPush(text);
              return reading.push(text);
            },
            get complete() {
              return reading.complete;
            },
            get received() {
              return reading.received;
            },
          };
        },
      };
    };
  }

  it('converts a large read in steps of at most STEP_BYTES, every row kept', async () => {
    const { fetch, bytes } = oneBigRead(12_000);
    expect(bytes).toBeGreaterThan(1 << 21);
    const pushed: number[] = [];
    const builds = new ExportBuilds(
      fetch,
      watchedPipeline((text) => pushed.push(text.length)),
    );
    expect(await builds.attempt('job', cards(excelFriendly))).toMatchObject({
      ok: true,
      progress: { rows: 12_000, received: 12_000, bytes },
    });
    expect(Math.max(...pushed)).toBeLessThanOrEqual(STEP_BYTES);
  });

  it('puts converted text into a Blob part after at most CONVERTED_PART_BYTES of LeanKit’s bytes', async () => {
    const { fetch, bytes } = oneBigRead(12_000);
    const parts: number[] = [];
    vi.stubGlobal(
      'Blob',
      class extends Blob {
        constructor(...args: ConstructorParameters<typeof Blob>) {
          super(...args);
          parts.push(this.size);
        }
      },
    );
    try {
      const builds = new ExportBuilds(fetch, rowPipelineConverter);
      expect(await builds.attempt('job', cards(excelFriendly))).toMatchObject({ ok: true });
    } finally {
      vi.unstubAllGlobals();
    }
    // Each part's text is what waited in the heap: the rows converted from up to one more step.
    expect(parts.reduce((sum, size) => sum + size, 0)).toBeGreaterThan(bytes);
    expect(Math.max(...parts)).toBeLessThanOrEqual(CONVERTED_PART_BYTES + STEP_BYTES);
  });

  // Reads of a body that is all there resolve at once: without a pause the document would answer
  // no message (Cancel, DevTools) until the whole response was converted.
  it('lets the document’s other tasks run after each YIELD_BYTES it converts', async () => {
    const { fetch, bytes } = oneBigRead(12_000);
    expect(bytes).toBeGreaterThan(2 * YIELD_BYTES);
    // Messages, as a Cancel from the service worker is: each answered with the next.
    let ticks = 0;
    const messages = new MessageChannel();
    messages.port1.onmessage = () => {
      ticks++;
      messages.port2.postMessage(undefined);
    };
    messages.port2.postMessage(undefined);
    const ticksAtPush: number[] = [];
    try {
      const builds = new ExportBuilds(
        fetch,
        watchedPipeline(() => ticksAtPush.push(ticks)),
      );
      expect(await builds.attempt('job', cards(excelFriendly))).toMatchObject({ ok: true });
    } finally {
      messages.port1.close();
    }
    expect(ticksAtPush.at(-1)).toBeGreaterThanOrEqual(Math.floor(bytes / YIELD_BYTES));
  });
});

describe('a build', () => {
  it('is cancelled with its connection, and ends aborted', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), () => 'stall-mid-body');
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    const running = builds.attempt('job', { ...cards(), stallTimeoutMs: 60_000 });
    // Half the body came; the rest never will.
    await new Promise<void>((resolve) => {
      const wait = () =>
        builds.attach('job', (progress) => progress.bytes > 0 && resolve()) ?? setTimeout(wait, 5);
      wait();
    });
    builds.cancel('job');
    expect(await running).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('can be re-attached to while it runs and after it ended; an unknown one cannot', async () => {
    const builds = new ExportBuilds(simulatorFetch(sim), rowPipelineConverter);
    const running = builds.attempt('job', cards());
    const attached = builds.attach('job');
    expect(await attached).toEqual(await running);
    expect(await builds.attach('job')).toEqual(await running);
    expect(builds.attach('other')).toBeUndefined();
  });

  it('is forgotten on release, its URL revoked', async () => {
    const builds = new ExportBuilds(simulatorFetch(sim), rowPipelineConverter);
    await builds.attempt('job', cards());
    const url = builds.finish('job', 'text/csv');
    builds.release('job');
    expect(await read(url)).toBeUndefined();
    expect(builds.attach('job')).toBeUndefined();
  });

  it('is forgotten by keepOnly unless its job is kept or an attempt of it is running', async () => {
    const board = sim.boards[0]?.id ?? '';
    const fetch = faultyFetch(simulatorFetch(sim), (url) =>
      url.searchParams.has('boardId') ? 'stall-mid-body' : undefined,
    );
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    await builds.attempt('kept', cards());
    await builds.attempt('ended', cards());
    const stalled = builds.attempt('running', {
      ...cards(),
      request: { reportId: 'cards', format: 'csv', boardIds: [board] },
      stallTimeoutMs: 60_000,
    });
    const endedUrl = builds.finish('ended', 'text/csv');

    builds.keepOnly(['kept']);

    expect(builds.attach('ended')).toBeUndefined();
    expect(await read(endedUrl)).toBeUndefined();
    expect(await builds.attach('kept')).toMatchObject({ ok: true });
    expect(builds.attach('running')).toBeDefined();
    builds.cancel('running');
    expect(await stalled).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    // Once its attempt ended, a build nobody keeps goes too.
    builds.keepOnly([]);
    expect(builds.attach('running')).toBeUndefined();
  });

  it('sends the token to the account’s origin only, in a header', async () => {
    const { fetch, urls } = answering(() => new Response('a\n'));
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    await builds.attempt('job', cards());
    expect(urls).toEqual([`${ORIGIN}/io/reporting/export/cards?format=csv`]);
  });
});

describe('XLSX workbooks', () => {
  const XLSX = FORMATS.xlsx.mimeType;
  const workbook = { reportId: 'cards', format: 'xlsx', excelFriendly: false, recipe: {} } as const;

  /** The built file as openpyxl reads it. */
  async function sheetsOf(builds: ExportBuilds) {
    const file = await read(builds.finish('job', XLSX));
    return readWorkbook(file?.bytes ?? Buffer.alloc(0));
  }

  it('asks LeanKit for CSV and writes every row as typed cells, ids as text', async () => {
    const { fetch, urls } = answering(
      () =>
        new Response(
          '"cardId","cardTitle","cardSize","isCardBlocked"\r\n"123456789012345678","=1+1","3","True"\r\n',
          {
            headers: { 'content-type': 'text/csv' },
          },
        ),
    );
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    expect(await builds.attempt('job', cards(workbook))).toMatchObject({
      ok: true,
      progress: { rows: 1, received: 1, notes: [] },
    });
    expect(urls).toEqual([`${ORIGIN}/io/reporting/export/cards?format=csv`]);
    expect((await read(builds.finish('job', XLSX)))?.type).toBe(XLSX);
    expect((await sheetsOf(builds))[0]?.rows).toEqual([
      [
        ['cardId', 's'],
        ['cardTitle', 's'],
        ['cardSize', 's'],
        ['isCardBlocked', 's'],
      ],
      [
        ['123456789012345678', 's'],
        ['=1+1', 's'],
        [3, 'n'],
        [true, 'b'],
      ],
    ]);
  });

  it('leave no workbook after a cut body, and resume after the rows read to the same workbook as an uncut export', async () => {
    const whole = new ExportBuilds(simulatorFetch(sim), rowPipelineConverter);
    expect(await whole.attempt('job', cards(workbook))).toMatchObject({ ok: true });
    const expected = await sheetsOf(whole);
    expect(expected[0]?.rows).toHaveLength(21);

    const { fetch, urls } = droppingOnce();
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    const first = await builds.attempt('job', cards(workbook));
    expect(first).toMatchObject({ ok: false, error: { kind: 'network' } });
    const kept = first.progress.received ?? 0;
    expect(kept).toBeGreaterThan(0);
    // What the cut attempt left is the workbook's start, without its end: no reader takes it.
    await expect(sheetsOf(builds)).rejects.toThrow(/openpyxl could not read/);

    expect(await builds.attempt('job', cards(workbook))).toMatchObject({
      ok: true,
      progress: { rows: 20, received: 20 },
    });
    expect(new URL(urls[1] ?? '').searchParams.get('offset')).toBe(String(kept));
    expect(await sheetsOf(builds)).toEqual(expected);
  });

  it('ask nothing more once whole: a retry after the save failed keeps the workbook as it was', async () => {
    const { fetch, urls } = droppingOnce();
    const builds = new ExportBuilds(fetch, rowPipelineConverter);
    await builds.attempt('job', cards(workbook));
    await builds.attempt('job', cards(workbook));
    const before = await read(builds.finish('job', XLSX));
    expect(await builds.attempt('job', cards(workbook))).toMatchObject({
      ok: true,
      progress: { rows: 20 },
    });
    expect(urls).toHaveLength(2);
    expect(
      (await read(builds.finish('job', XLSX)))?.bytes.equals(before?.bytes ?? Buffer.alloc(0)),
    ).toBe(true);
  });

  it('say when the rows go on to a second sheet, once the workbook is finished', async () => {
    const report = findReport('cards') as Report;
    const fewRows: RowConverterFactory = (options) =>
      createXlsxPipeline({ report, recipe: options.recipe, maxRowsPerSheet: 11 });
    const builds = new ExportBuilds(simulatorFetch(sim), fewRows);
    expect(await builds.attempt('job', cards(workbook))).toMatchObject({
      ok: true,
      progress: {
        rows: 20,
        notes: [
          'The export has more rows than an Excel sheet holds; it continues on the sheet “cards (2)”.',
        ],
      },
    });
    const sheets = await sheetsOf(builds);
    expect(sheets.map((sheet) => [sheet.name, sheet.rows.length])).toEqual([
      ['cards', 11],
      ['cards (2)', 11],
    ]);
  });
});
