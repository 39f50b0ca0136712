/**
 * Node-only benchmark of the Flow charts page's loading (issue 15, P6's loading part; not part of
 * `npm test`): the simulator's board of about 100k card-position rows, its four reports loaded as
 * the page loads them (background builds each as a file, Firefox's way, over a port; the page reads
 * each file as soon as it is whole and parses it while reading), against curl fetching the same
 * four CSV reports one after another. Alternating runs, medians. P6 itself (scripts/bench.ts)
 * measures the real page in Chromium, charts drawn.
 * Run: `node --import tsx tests/bench/flowLoad.ts [positionRows]`.
 */
import { resolveObjectURL } from 'node:buffer';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'wxt/browser';
import { FLOW_REPORTS } from '../../lib/flow/boardReports';
import { FLOW_LOAD_PORT } from '../../lib/flow/flowLoadProtocol';
import { createFlowReportLoads } from '../../lib/flow/flowReportLoads';
import { boardReportsLoader } from '../../lib/flow/loadBoardReports';
import { serveFlowLoads } from '../../lib/flow/serveFlowLoads';
import { FakePort } from '../../lib/jobs/__tests__/fakeOffscreen';
import { exportBuilder, inThisPage } from '../../lib/jobs/exportBuilder';
import { ExportBuilds } from '../../lib/jobs/exportBuilds';
import { rowPipelineConverter } from '../../lib/jobs/rowConverter';
import { simulatorFetch } from '../simulator/fetch';
import { startSimulator } from '../simulator/index';
import { signIn } from '../simulator/testing';
import { cardsForPositionRows } from './cardsForPositionRows';
import { timedCurl } from './curl';

const RUNS = 3;
const positionRows = Number(process.argv[2] ?? 100_000);
const PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/flow.html' };

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const sim = await startSimulator({
  boards: 1,
  cardsPerBoard: cardsForPositionRows(positionRows),
  tokenLifetimeSeconds: 3600,
});
const folder = await mkdtemp(join(tmpdir(), 'leankit-exporter-flow-load-'));
try {
  const fetch = simulatorFetch(sim);
  const token = await signIn(fetch, sim);
  const boardId = sim.boards[0]?.id ?? '';
  const session = {
    require: async () => ({ origin: `https://${sim.demo.host}`, token }) as never,
    dropToken: async () => undefined,
  };
  const loads = createFlowReportLoads({
    session,
    builder: exportBuilder(inThisPage(new ExportBuilds(fetch, rowPipelineConverter))),
    stallTimeoutMs: async () => 60_000,
  });
  const listeners: ((port: Browser.runtime.Port) => void)[] = [];
  // The sender check needs the browser's runtime id; here the only sender is this page.
  serveFlowLoads({ addListener: (listener) => listeners.push(listener) }, loads, () => true);
  let lastReady = 0;
  const load = boardReportsLoader({
    connect() {
      const page = new FakePort(FLOW_LOAD_PORT);
      const background = new FakePort(FLOW_LOAD_PORT, PAGE);
      page.peer = background;
      background.peer = page;
      for (const listener of listeners) listener(background as unknown as Browser.runtime.Port);
      return page;
    },
    async open(url) {
      lastReady = performance.now();
      const blob = resolveObjectURL(url);
      if (!blob) throw new Error(`not a live blob: URL: ${url}`);
      return blob.stream() as ReadableStream<Uint8Array>;
    },
  });

  const curls: number[] = [];
  const loaded: number[] = [];
  const parsedAfter: number[] = [];
  let counts = '';
  for (let run = 0; run < RUNS; run++) {
    let curl = 0;
    for (const report of FLOW_REPORTS) {
      const url = `https://${sim.demo.host}/io/reporting/export/${report}.csv?boardId=${boardId}`;
      curl += await timedCurl(sim, url, token, join(folder, `${report.replace('/', '-')}.csv`));
    }
    curls.push(curl);
    const started = performance.now();
    const reports = await load(boardId);
    const ended = performance.now();
    loaded.push((ended - started) / 1000);
    parsedAfter.push((ended - lastReady) / 1000);
    counts = `${reports.positions.length} card positions, ${reports.cards.length} cards, ${reports.blocked.length} blocked spans, ${reports.lanes.length} lanes`;
  }
  const curl = median(curls);
  const loading = median(loaded);
  console.log(`Board: ${counts}`);
  console.log(`curl, four CSV reports one after another: ${curl.toFixed(2)} s (median of ${RUNS})`);
  console.log(
    `loader, four reports built and parsed:     ${loading.toFixed(2)} s (median of ${RUNS})`,
  );
  console.log(
    `  of which after the last file (lanes) was whole: ${median(parsedAfter).toFixed(2)} s`,
  );
  console.log(
    '(The simulator runs in this process: its rows and the loader’s parsing share one thread, which curl’s do not.)',
  );
  console.log(
    `ratio loader / curl: ${(loading / curl).toFixed(2)} (P6 target for the whole page: ≤ 1.5)`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
  await sim.close();
}
