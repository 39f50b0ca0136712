// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import type { LeanKitError } from '../../errors';
import { faultyFetch } from '../../jobs/__tests__/engineHarness';
import { FakePort } from '../../jobs/__tests__/fakeOffscreen';
import { exportBuilder, inThisPage } from '../../jobs/exportBuilder';
import { ExportBuilds } from '../../jobs/exportBuilds';
import { rowPipelineConverter } from '../../jobs/rowConverter';
import {
  parseBlockedSpans,
  parseCardPositions,
  parseCards,
  parseLanes,
  type ReportRow,
} from '../boardHistory';
import {
  type BoardHistory,
  type BoardReports,
  FLOW_REPORTS,
  type FlowLoadProgress,
} from '../boardReports';
import { FLOW_LOAD_PORT } from '../flowLoadProtocol';
import { createFlowReportLoads } from '../flowReportLoads';
import { boardReportsLoader } from '../loadBoardReports';
import { serveFlowLoads } from '../serveFlowLoads';

const ORIGIN = 'https://acme.leankit.com';
const PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/flow.html' };
const BOARD_TAB = { id: 'test-extension-id', url: `${ORIGIN}/board/1`, tab: { id: 3 }, frameId: 0 };

let sim: Simulator;
let boardId: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 150 });
  boardId = (sim.boards[1] as { id: string }).id;
});
afterAll(() => sim.close());
beforeEach(() => fakeBrowser.reset());

/** The board's reports as the JSON export gives them, through the same record parsers. */
async function expectedReports(): Promise<Omit<BoardReports, 'fetchedAt'>> {
  const rows = async (path: string): Promise<ReportRow[]> =>
    JSON.parse(
      (await sim.body(`/io/reporting/export/${path}?format=json&boardId=${boardId}`)).toString(),
    );
  const lanes = parseLanes(await rows('lanes'));
  const positions = parseCardPositions(await rows('cardpositions'));
  const cards = parseCards(await rows('cards'));
  const blocked = parseBlockedSpans(await rows('cards/blockedhistory'));
  return {
    boardId,
    lanes: lanes.records,
    positions: positions.records,
    cards: cards.records,
    blocked: blocked.records,
    skipped: {
      lanes: lanes.skipped,
      cardpositions: positions.skipped,
      cards: cards.skipped,
      'cards/blockedhistory': blocked.skipped,
    },
  };
}

/**
 * The page and the background in one process: the page's loader connects over a port pair to the
 * background's flow loads, which build files as Firefox's background page does; the page reads
 * each `blob:` URL in small pieces, so records are parsed across chunk boundaries.
 */
async function harness(
  fetch: typeof globalThis.fetch,
  sender: object = PAGE,
  server = sim,
  /** Each report told part by part on a BroadcastChannel, as the page asks (Node has them too). */
  parts = false,
) {
  const token = await signIn(simulatorFetch(server), server);
  const dropped: string[] = [];
  const session = {
    require: async () => ({ origin: ORIGIN, token }) as never,
    dropToken: async (refused: string) => void dropped.push(refused),
  };
  const builder = exportBuilder(inThisPage(new ExportBuilds(fetch, rowPipelineConverter)));
  const released: string[] = [];
  const watchedBuilder = {
    ...builder,
    release: (jobId: string) => {
      released.push(jobId);
      return builder.release(jobId);
    },
  };
  const loads = createFlowReportLoads({
    session,
    builder: watchedBuilder,
    stallTimeoutMs: async () => 2_000,
    random: () => 0,
    retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  const listeners: ((port: Browser.runtime.Port) => void)[] = [];
  serveFlowLoads({ addListener: (listener) => listeners.push(listener) }, loads);
  const urls: string[] = [];
  let page: FakePort | undefined;
  const load = boardReportsLoader({
    connect() {
      page = new FakePort(FLOW_LOAD_PORT);
      const background = new FakePort(FLOW_LOAD_PORT, sender);
      page.peer = background;
      background.peer = page;
      for (const listener of listeners) listener(background as unknown as Browser.runtime.Port);
      return page;
    },
    async open(url) {
      urls.push(url);
      const blob = resolveObjectURL(url);
      if (!blob) throw new Error(`not a live blob: URL: ${url}`);
      return inPieces(new Uint8Array(await blob.arrayBuffer()), 97);
    },
    now: () => 1_700_000_000_000,
    ...(parts ? { channel: (name: string) => new BroadcastChannel(name) } : {}),
  });
  return { load, urls, released, dropped, token, loads, port: () => page };
}

function inPieces(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('loading a board’s reports for the Flow charts page', () => {
  it('gives the records of the four reports, equal to the JSON export’s, and frees every file', async () => {
    const { load, urls, released } = await harness(simulatorFetch(sim));
    const progress: FlowLoadProgress[] = [];
    const reports = await load(boardId, { onProgress: (step) => progress.push(step) });
    expect(reports).toEqual({ ...(await expectedReports()), fetchedAt: 1_700_000_000_000 });
    expect(reports.positions.length).toBeGreaterThan(150);
    expect(reports.blocked.length).toBeGreaterThan(0);
    // Progress: reports done never goes down, and every report was done in the end.
    const done = progress.map((step) => step.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(FLOW_REPORTS.length - 1);
    // The big reports one after the other, largest first, each named while it downloads; the
    // small ones load beside them, unnamed.
    expect([...new Set(progress.map((step) => step.report))]).toEqual(['cardpositions', 'cards']);
    expect(progress.some((step) => step.report === 'cardpositions' && step.bytes > 0)).toBe(true);
    await settle();
    expect(urls).toHaveLength(FLOW_REPORTS.length);
    for (const url of urls) expect(resolveObjectURL(url)).toBeUndefined();
    expect(new Set(released).size).toBe(FLOW_REPORTS.length);
  });

  it('gives the board’s history (all but the cards) once, before the cards are parsed', async () => {
    const { load } = await harness(simulatorFetch(sim));
    const told: { history: BoardHistory; done: number }[] = [];
    const progress: FlowLoadProgress[] = [];
    const reports = await load(boardId, {
      onProgress: (step) => progress.push(step),
      onHistory: (history) => told.push({ history, done: progress.at(-1)?.done ?? 0 }),
    });
    expect(told).toHaveLength(1);
    expect(told[0]?.history).toEqual({
      lanes: reports.lanes,
      positions: reports.positions,
      blocked: reports.blocked,
    });
    // The cards report is the last one parsed: three were done when the history was told.
    expect(told[0]?.done).toBe(FLOW_REPORTS.length - 1);
  });

  it('reads headers written as labels (Card ID) as the same columns', async () => {
    const labelled = await startSimulator({
      boards: 2,
      cardsPerBoard: 20,
      columnHeaders: 'labels',
    });
    try {
      const { load } = await harness(simulatorFetch(labelled), PAGE, labelled);
      const reports = await load((labelled.boards[0] as { id: string }).id);
      expect(reports.positions.length).toBeGreaterThan(20);
      expect(reports.skipped).toEqual({
        lanes: 0,
        cardpositions: 0,
        cards: 0,
        'cards/blockedhistory': 0,
      });
      expect(reports.lanes.every((lane) => lane.id !== '' && lane.laneClass !== '')).toBe(true);
    } finally {
      await labelled.close();
    }
  });

  it('retries a report LeanKit failed on, as exports do', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), (_url, call) =>
      call === 1 ? new Response('{"statusCode":503}', { status: 503 }) : undefined,
    );
    const { load } = await harness(fetch);
    const reports = await load(boardId);
    expect(reports.cards).toEqual((await expectedReports()).cards);
  });

  it('fails with the expired session’s sentence, and drops the refused token', async () => {
    const { load, dropped, token } = await harness(simulatorFetch(sim));
    sim.expireAllTokens();
    const failure = (await load(boardId).catch((error: unknown) => error)) as LeanKitError;
    expect(failure.kind).toBe('token-expired');
    expect(failure.message).toMatch(/expired/);
    // Reports load two at a time: both requests may be refused before the first failure stops the
    // other, and each drops the token it was refused (dropping it twice is harmless).
    expect(dropped.length).toBeGreaterThan(0);
    expect(new Set(dropped)).toEqual(new Set([token]));
  });

  it('gives up after the retries with the sentence of the last failure', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), () => new Response('{}', { status: 503 }));
    const { load, released } = await harness(fetch);
    const failure = (await load(boardId).catch((error: unknown) => error)) as LeanKitError;
    expect(failure.kind).toBe('server');
    expect(failure.message).toMatch(/Gave up after 3 attempts/);
    await settle();
    expect(new Set(released).size).toBe(FLOW_REPORTS.length);
  });

  it('cancel stops the requests and frees every file', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), () => 'stall-mid-body');
    const { load, released, port } = await harness(fetch);
    const controller = new AbortController();
    const loading = load(boardId, {
      signal: controller.signal,
      onProgress: ({ bytes }) => {
        if (bytes > 0) controller.abort();
      },
    });
    const failure = (await loading.catch((error: unknown) => error)) as LeanKitError;
    expect(failure.kind).toBe('aborted');
    expect(port()?.disconnected).toBe(true);
    await settle();
    expect(new Set(released).size).toBe(FLOW_REPORTS.length);
  });

  it('signing out stops a load, saying why', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), () => 'stall-mid-body');
    const { load, loads } = await harness(fetch);
    const loading = load(boardId, { onProgress: ({ bytes }) => bytes > 0 && loads.stopAll() });
    const failure = (await loading.catch((error: unknown) => error)) as LeanKitError;
    expect(failure).toMatchObject({
      kind: 'signed-out',
      message: 'Stopped because you signed out.',
    });
  });

  it('a board tab’s content script gets no port', async () => {
    const { load } = await harness(simulatorFetch(sim), BOARD_TAB);
    const before = sim.requests.length;
    const failure = (await load(boardId).catch((error: unknown) => error)) as LeanKitError;
    expect(failure.message).toBe(
      'The extension stopped loading the reports. Reload the page to try again.',
    );
    await settle();
    expect(sim.requests.slice(before).filter((entry) => entry.path.includes('/export/'))).toEqual(
      [],
    );
  });
});

describe('loading a board’s reports part by part while they download', () => {
  it('gives the same records as the JSON export’s, reads no file URL and frees every file', async () => {
    const { load, urls, released } = await harness(simulatorFetch(sim), PAGE, sim, true);
    const reports = await load(boardId);
    expect(reports).toEqual({ ...(await expectedReports()), fetchedAt: 1_700_000_000_000 });
    expect(urls).toEqual([]);
    await settle();
    expect(new Set(released).size).toBe(FLOW_REPORTS.length);
  });

  it('starts a report afresh when its connection broke in the middle', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), (_url, call) =>
      call === 1 ? 'drop-mid-body' : undefined,
    );
    const { load } = await harness(fetch, PAGE, sim, true);
    const reports = await load(boardId);
    const expected = await expectedReports();
    expect(reports.cards).toEqual(expected.cards);
    expect(reports.blocked).toEqual(expected.blocked);
  });

  it('cancel stops the requests and frees every file', async () => {
    const fetch = faultyFetch(simulatorFetch(sim), () => 'stall-mid-body');
    const { load, released, port } = await harness(fetch, PAGE, sim, true);
    const controller = new AbortController();
    const loading = load(boardId, {
      signal: controller.signal,
      onProgress: ({ bytes }) => {
        if (bytes > 0) controller.abort();
      },
    });
    const failure = (await loading.catch((error: unknown) => error)) as LeanKitError;
    expect(failure.kind).toBe('aborted');
    expect(port()?.disconnected).toBe(true);
    await settle();
    expect(new Set(released).size).toBe(FLOW_REPORTS.length);
  });
});
