/**
 * `npm run bench` (not part of `npm test`): the export engine's figures, one line each as
 * `name: value (target)`. Starts the simulator, loads the built extension in Chromium (and, for
 * P5, in Firefox), and compares against curl of the same request in the same run.
 */
import { mkdtemp, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ExportJob } from '../lib/jobs/jobRecords';
import type { ExportRecipe } from '../lib/recipes/recipe';
import { timedCurl } from '../tests/bench/curl';
import { measureFlowCharts } from '../tests/bench/flowCharts';
import { measureRawExport, rawExportLine } from '../tests/bench/rawExport';
import { ExtensionHeapSampler } from '../tests/bench/serviceWorkerHeap';
import { signInExtension } from '../tests/bench/signInExtension';
import { measureXlsxExports, xlsxExportLines } from '../tests/bench/xlsxExports';
import { startExport, waitForJob } from '../tests/e2e/engineSupport';
import { FIVE_COLUMNS_RECIPE } from '../tests/e2e/recipeSupport';
import { simulatorFetch } from '../tests/simulator/fetch';
import { type Simulator, startSimulator } from '../tests/simulator/index';
import { signIn } from '../tests/simulator/testing';
import { measureSimulatorThroughput } from '../tests/simulator/throughput';
import { CHROME_EXTENSION_DIR, launchChromiumWithExtension } from '../tests/support/chromium';
import { launchFirefoxWithExtension } from '../tests/support/firefox';

const BOARDS = 10;
const ROWS_PER_BOARD = 100_000; // one board = the 100k-row export, all boards = the 1M-row one
const RUNS = 3;

/**
 * Seconds from asking Firefox's background for the 1M-row Excel-friendly cards export to the job's
 * own finish time, signed in to the demo account in a Firefox of its own.
 */
async function firefoxExcelFriendlyExport(sim: Simulator, downloadDir: string): Promise<number> {
  const firefox = await launchFirefoxWithExtension({ port: sim.port, downloadDir });
  try {
    const page = await firefox.openExtensionPage('popup.html');
    type Ext = {
      runtime: { sendMessage(message: unknown): Promise<unknown> };
      storage: Record<
        string,
        { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> }
      >;
    };
    const { demo } = sim;
    await page.evaluate(
      (data) =>
        (globalThis as unknown as { browser: Ext }).browser.runtime.sendMessage({
          type: 'signIn',
          data,
        }),
      { account: demo.host, email: demo.email, password: demo.password },
    );
    // Firefox keeps this setting in session storage, out of content scripts' reach.
    await page.evaluate(() =>
      (globalThis as unknown as { browser: Ext }).browser.storage.session?.set({
        excelFriendlyCsv: true,
      }),
    );
    const started = Date.now();
    const answer = (await page.evaluate(
      (data) =>
        (globalThis as unknown as { browser: Ext }).browser.runtime.sendMessage({
          type: 'startExport',
          data,
        }),
      { reportId: 'cards', format: 'csv', boardIds: [] },
    )) as { ok: boolean; value?: { jobId: string } };
    const jobId = answer.value?.jobId;
    if (!jobId) throw new Error(`Firefox startExport failed: ${JSON.stringify(answer)}`);
    for (;;) {
      const jobs = (await page.evaluate(
        async () =>
          (
            await (globalThis as unknown as { browser: Ext }).browser.storage.local?.get('jobs')
          )?.jobs,
      )) as ExportJob[] | undefined;
      const job = jobs?.find((each) => each.id === jobId);
      if (job?.state === 'done') {
        await unlink(job.path ?? join(downloadDir, job.fileName));
        return ((job.finishedAt ?? Date.now()) - started) / 1000;
      }
      if (job && job.state !== 'running')
        throw new Error(`Firefox export ${job.state}: ${JSON.stringify(job.error)}`);
      if (Date.now() - started > 1_800_000)
        throw new Error('Firefox export did not finish in 30 min');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await firefox.close();
  }
}

const line = (name: string, value: string, target: string) =>
  console.log(`${name}: ${value} (${target})`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// P1 — the 100k-row export as served vs curl, alternating, in a simulator and a Chromium of its own.
console.log(rawExportLine(await measureRawExport({ runs: RUNS })));

const sim = await startSimulator({
  boards: BOARDS,
  cardsPerBoard: ROWS_PER_BOARD,
  tokenLifetimeSeconds: 3600,
});
const downloadDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-bench-'));
/** curl of the 1M-row cards CSV, in seconds (P5). */
let curl1m = Number.NaN;
const browser = await launchChromiumWithExtension({ port: sim.port, downloadDir });
try {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('popup.html'));
  const { demo } = sim;
  await signInExtension(page, sim);
  const board = sim.boards[0]?.id ?? '';
  const token = await signIn(simulatorFetch(sim), sim);

  /** Click → file complete: from asking the background to the job's own finish time. */
  async function extensionExport(boardIds: string[], timeoutMs: number, recipe?: ExportRecipe) {
    const started = Date.now();
    const jobId = await startExport(page, { reportId: 'cards', format: 'csv', boardIds, recipe });
    const job = await waitForJob(page, jobId, ['done', 'failed', 'cancelled'], timeoutMs);
    if (job.state !== 'done') throw new Error(`export ${job.state}: ${JSON.stringify(job.error)}`);
    await unlink(job.path ?? join(downloadDir, job.fileName));
    return { seconds: ((job.finishedAt ?? Date.now()) - started) / 1000, bytes: job.bytes };
  }

  // P2 — peak live JS heap of the service worker (+ offscreen document if open): 1M vs 100k rows.
  const sampler = await ExtensionHeapSampler.open(page);
  sampler.start();
  await extensionExport([board], 120_000);
  const heap100k = await sampler.stop();
  sampler.start();
  const big = await extensionExport([], 900_000);
  const heap1m = await sampler.stop();
  line(
    'P2 peak live extension JS heap (sampled after GC), 1M rows vs 100k rows',
    `${mb(heap1m)} vs ${mb(heap100k)}, ratio ${(heap1m / heap100k).toFixed(2)} (1M-row file ${mb(big.bytes)} in ${big.seconds.toFixed(1)} s)`,
    'ratio ≤ 1.5',
  );

  // P2 again for the processed route (Excel-friendly CSV), where the offscreen document holds the Blob.
  await page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }
    ).chrome.storage.sync.set({ excelFriendlyCsv: true }),
  );
  sampler.start();
  const processedBig = await extensionExport([], 1_800_000);
  const processedHeap1m = await sampler.stop();
  const processedPeaks1m = sampler.peaks;
  const samples1m = sampler.samples;
  // A peak is the highest of an export's samples, and the 1M-row export, ten times as long, gets
  // ten times as many: more draws from the same working set. scripts/heapProbe.ts found the same
  // one for both (the offscreen document's median and 90th percentile alike, nothing retained
  // growing with the rows), so comparing one 100k-row export's peak would count luck as growth.
  // The 100k-row export is repeated until it has had as many samples.
  let processedHeap100k = 0;
  const smallSeconds: number[] = [];
  do {
    sampler.start({ resume: smallSeconds.length > 0 });
    smallSeconds.push((await extensionExport([board], 300_000)).seconds);
    processedHeap100k = await sampler.stop();
  } while (sampler.samples < samples1m);
  const processedPeaks100k = sampler.peaks;
  line(
    'P2 processed route (Excel-friendly CSV), peak live heap incl. offscreen document, 1M vs 100k rows',
    `${mb(processedHeap1m)} vs ${mb(processedHeap100k)}, ratio ${(processedHeap1m / processedHeap100k).toFixed(2)} (1M rows in ${processedBig.seconds.toFixed(1)} s, ${samples1m} samples; 100k rows in ${median(smallSeconds).toFixed(1)} s, exported ${smallSeconds.length} times for ${sampler.samples} samples; peaks of the offscreen document ${mb(processedPeaks1m.offscreen)} vs ${mb(processedPeaks100k.offscreen)}, of the worker ${mb(processedPeaks1m.worker)} vs ${mb(processedPeaks100k.worker)})`,
    'ratio ≤ 1.5',
  );

  // P5 — the 1M-row Excel-friendly export above vs curl of the same report, in this run.
  const allCards = `https://${demo.host}/io/reporting/export/cards?format=csv`;
  const curlFile = join(downloadDir, 'curl-1m.csv');
  curl1m = await timedCurl(sim, allCards, token, curlFile);
  await unlink(curlFile);
  line(
    'P5 1M-row Excel-friendly cards CSV (Chromium), click → file complete',
    `${processedBig.seconds.toFixed(1)} s vs curl ${curl1m.toFixed(1)} s, ratio ${(processedBig.seconds / curl1m).toFixed(2)}`,
    'ratio ≤ 2.0, stretch 1.5',
  );

  // P5 with columns chosen and rows filtered (issue 13): the same 1M rows, five columns, a date range.
  sampler.start();
  const filtered = await extensionExport([], 1_800_000, FIVE_COLUMNS_RECIPE);
  const filteredHeap = await sampler.stop();
  line(
    'P5 1M-row cards CSV, five columns and a date range, Excel-friendly (Chromium), click → file complete',
    `${filtered.seconds.toFixed(1)} s vs curl ${curl1m.toFixed(1)} s, ratio ${(filtered.seconds / curl1m).toFixed(2)}; peak live heap ${mb(filteredHeap)}, ${(filteredHeap / processedHeap100k).toFixed(2)}× the 100k-row processed export's (P2 ≤ 1.5)`,
    'ratio ≤ 2.0, stretch 1.5',
  );

  // P3 — popup bundle and first paint.
  const popupHtml = await readFile(join(CHROME_EXTENSION_DIR, 'popup.html'), 'utf8');
  const assets = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] ?? '',
  );
  let popupGzip = 0;
  for (const asset of assets)
    popupGzip += gzipSync(await readFile(join(CHROME_EXTENSION_DIR, asset))).length;
  const paints: number[] = [];
  for (let run = 0; run < 5; run++) {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    paints.push(
      await popup.evaluate(async () => {
        for (let i = 0; i < 50; i++) {
          const [paint] = performance.getEntriesByName('first-contentful-paint');
          if (paint) return paint.startTime;
          await new Promise((r) => setTimeout(r, 20));
        }
        return Number.NaN;
      }),
    );
    await popup.close();
  }
  line('P3 popup JS+CSS gzipped', `${kb(popupGzip)} (${assets.join(', ')})`, '≤ 30 KB');
  line('P3 popup open → first paint', `${median(paints).toFixed(0)} ms (median of 5)`, '≤ 100 ms');

  // P4 — the content script: its size, and how soon the board button follows a navigation.
  const contentDir = join(CHROME_EXTENSION_DIR, 'content-scripts');
  let contentGzip = 0;
  for (const file of await readdir(contentDir)) {
    contentGzip += gzipSync(await readFile(join(contentDir, file))).length;
  }
  line('P4 content script gzipped', kb(contentGzip), '≤ 15 KB');
  const boardPage = await browser.context.newPage();
  await boardPage.goto(`https://${demo.host}/board/${board}`);
  await boardPage
    .getByRole('button', { name: /Export report/ })
    .first()
    .waitFor();
  // Timed inside the page, from the click on another board's link to that board's own button
  // being ready: a new element (the button is keyed by board), enabled, saying "Export report".
  const navigations: number[] = [];
  for (let run = 0; run < 6; run++) {
    const target = sim.boards[run % 2 === 0 ? 1 : 0];
    if (!target) break;
    navigations.push(
      await boardPage.evaluate(async (title) => {
        // No named inner functions: tsx would wrap them in a helper the page does not have.
        const host = 'leankit-exporter-button';
        const before = document.querySelector(host)?.shadowRoot?.querySelector('button.main');
        const link = [...document.querySelectorAll('a')].find((a) => a.textContent === title);
        if (!link) throw new Error(`No link to ${title}`);
        const started = performance.now();
        link.click();
        for (;;) {
          const now = document
            .querySelector(host)
            ?.shadowRoot?.querySelector<HTMLButtonElement>('button.main');
          if (now && now !== before && !now.disabled && now.textContent === 'Export report') {
            return performance.now() - started;
          }
          if (performance.now() - started > 10_000) throw new Error(`No button for ${title}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }, target.title),
    );
  }
  line(
    'P4 board navigation → button shown',
    `${median(navigations).toFixed(0)} ms (median of ${navigations.length})`,
    '≤ 200 ms',
  );

  await browser.close();
  // P5 in Firefox: the same export, built in the background page itself.
  const firefox = await firefoxExcelFriendlyExport(sim, downloadDir);
  line(
    'P5 1M-row Excel-friendly cards CSV (Firefox), click → file complete',
    `${firefox.toFixed(1)} s vs curl ${curl1m.toFixed(1)} s, ratio ${(firefox / curl1m).toFixed(2)}`,
    'ratio ≤ 2.0, stretch 1.5',
  );
} finally {
  // Closed already unless something failed on the way; a second close does nothing.
  await browser.close().catch(() => undefined);
  await sim.close();
  await rm(downloadDir, { recursive: true, force: true });
}

// P6 — the Flow charts page on a board of about 100k card positions vs curl of its four reports.
const flow = await measureFlowCharts({ runs: RUNS });
line(
  'P6 Flow charts, 100k card positions, page opened → every chart drawn',
  `${flow.page.toFixed(2)} s vs curl of the four reports one after another ${flow.curl.toFixed(2)} s, ratio ${(flow.page / flow.curl).toFixed(2)}, ${mb(flow.bytes)}`,
  'ratio ≤ 1.5',
);

// P7 — the cards as an XLSX workbook, and a board snapshot (issue 14), in a Chromium of their own.
for (const text of xlsxExportLines(await measureXlsxExports())) console.log(text);

const throughput = await measureSimulatorThroughput({ rows: 1_000_000 });
line(
  'Simulator throughput, 1M-row cards CSV',
  `${throughput.rowsPerSecond.toLocaleString('en')} rows/s, ${mb(throughput.bytes / throughput.seconds)}/s, peak RSS ${throughput.peakRssMb} MB`,
  'reference',
);
