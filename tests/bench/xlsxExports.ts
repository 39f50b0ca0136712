/**
 * P7 of `npm run bench` (issue 14), in a simulator and a Chromium of its own (as P6), so it also
 * runs alone: `node --import tsx tests/bench/xlsxExports.ts [boards] [extension dir]` after
 * `npx wxt build`; fewer boards (of 100k rows each, 10 by default) for a quicker run, another
 * build (e.g. a copy of an earlier one's .output/chrome-mv3) to compare with.
 *  - The 1M-row cards export as an XLSX workbook, click → file complete, against curl of the same
 *    report's CSV in the same run.
 *  - The peak live JS heap (worker + offscreen document, after GC) of that export against the
 *    100k-row one's. A peak is the highest of an export's samples, and the 1M-row export, ten
 *    times as long, gets ten times as many: as P2 does, the 100k-row export is repeated until it
 *    has had as many samples, so that one short export's luck does not count as growth.
 *  - A board snapshot (the workbook of every board report) of the simulator's largest board,
 *    against curl fetching the same reports (and the custom fields the cards sheet joins) one
 *    after another. The issue sets no ratio: the figure is printed.
 */
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ExportJob } from '../../lib/jobs/jobRecords';
import { SNAPSHOT_PLAN } from '../../lib/snapshot/snapshotPlan';
import { startExport, waitForJob } from '../e2e/engineSupport';
import { simulatorFetch } from '../simulator/fetch';
import { startSimulator } from '../simulator/index';
import { signIn } from '../simulator/testing';
import { launchChromiumWithExtension } from '../support/chromium';
import { timedCurl } from './curl';
import { ExtensionHeapSampler, type TargetPeaks } from './serviceWorkerHeap';
import { signInExtension } from './signInExtension';

const BOARDS = 10;
/** One board = the 100k-row export, all boards = the 1M-row one. */
const ROWS_PER_BOARD = 100_000;

export interface XlsxExportFigures {
  /** Seconds, click → file complete, of the 1M-row workbook, and of curl of the same CSV. */
  seconds1m: number;
  curl1m: number;
  bytes1m: number;
  /** Peak live heap (bytes) of the 1M-row export, of the 100k-row ones, and their samples. */
  heap1m: number;
  heap100k: number;
  samples1m: number;
  samples100k: number;
  /** Each target's peak, 1M rows and 100k rows. */
  peaks1m: TargetPeaks;
  peaks100k: TargetPeaks;
  /** Seconds of each 100k-row export (repeated for as many heap samples as the 1M-row one). */
  seconds100k: number[];
  /** Rows of the big export (1M by default). */
  rows: number;
  /** The board snapshot (workbook): seconds, bytes, and curl of its reports in turn. */
  snapshot: { seconds: number; bytes: number; curl: number; reports: number };
}

type Chrome = {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

/** Click → file complete: from asking the background to the job's own finish time; the file removed. */
async function timedJob(
  page: Page,
  downloadDir: string,
  start: () => Promise<string>,
  timeoutMs: number,
): Promise<{ seconds: number; job: ExportJob }> {
  const started = Date.now();
  const jobId = await start();
  const job = await waitForJob(page, jobId, ['done', 'failed', 'cancelled'], timeoutMs);
  if (job.state !== 'done') throw new Error(`export ${job.state}: ${JSON.stringify(job.error)}`);
  await unlink(job.path ?? join(downloadDir, job.fileName));
  return { seconds: ((job.finishedAt ?? Date.now()) - started) / 1000, job };
}

export async function measureXlsxExports(
  boards = BOARDS,
  extensionDir?: string,
): Promise<XlsxExportFigures> {
  const sim = await startSimulator({
    boards,
    cardsPerBoard: ROWS_PER_BOARD,
    tokenLifetimeSeconds: 3600,
  });
  const downloadDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-xlsx-bench-'));
  const browser = await launchChromiumWithExtension({ port: sim.port, downloadDir, extensionDir });
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('popup.html'));
    const { demo } = sim;
    await signInExtension(page, sim);
    const token = await signIn(simulatorFetch(sim), sim);
    const board = sim.boards[0]?.id ?? '';
    const cards = (boardIds: string[]) => () =>
      startExport(page, { reportId: 'cards', format: 'xlsx', boardIds });

    const curlFile = join(downloadDir, 'curl.csv');
    const curl1m = await timedCurl(
      sim,
      `https://${demo.host}/io/reporting/export/cards?format=csv`,
      token,
      curlFile,
    );
    await unlink(curlFile);

    const sampler = await ExtensionHeapSampler.open(page);
    sampler.start();
    const big = await timedJob(page, downloadDir, cards([]), 3_600_000);
    const heap1m = await sampler.stop();
    const samples1m = sampler.samples;
    const peaks1m = sampler.peaks;
    const seconds100k: number[] = [];
    let heap100k = 0;
    do {
      sampler.start({ resume: seconds100k.length > 0 });
      seconds100k.push((await timedJob(page, downloadDir, cards([board]), 600_000)).seconds);
      heap100k = await sampler.stop();
    } while (sampler.samples < samples1m);

    // Every board has as many cards; the first is as large as any.
    const snapshot = await timedJob(
      page,
      downloadDir,
      async () => {
        const answer = (await page.evaluate(
          (data) =>
            (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
              type: 'startSnapshot',
              data,
            }),
          { boardIds: [board], output: 'xlsx' },
        )) as { ok: boolean; value?: { jobId: string } };
        if (!answer.value) throw new Error(`startSnapshot failed: ${JSON.stringify(answer)}`);
        return answer.value.jobId;
      },
      3_600_000,
    );
    const paths = ['customfields', ...SNAPSHOT_PLAN.map((step) => step.report.path)];
    let snapshotCurl = 0;
    for (const path of paths) {
      const url = `https://${demo.host}/io/reporting/export/${path}?format=csv&boardId=${board}`;
      snapshotCurl += await timedCurl(sim, url, token, curlFile);
      await unlink(curlFile);
    }
    return {
      seconds1m: big.seconds,
      curl1m,
      bytes1m: big.job.bytes,
      heap1m,
      heap100k,
      samples1m,
      samples100k: sampler.samples,
      peaks1m,
      peaks100k: sampler.peaks,
      seconds100k,
      rows: big.job.rows ?? 0,
      snapshot: {
        seconds: snapshot.seconds,
        bytes: snapshot.job.bytes,
        curl: snapshotCurl,
        reports: paths.length,
      },
    };
  } finally {
    await browser.close();
    await sim.close();
    await rm(downloadDir, { recursive: true, force: true });
  }
}

/** The bench's lines for these figures, as `name: value (target)`. */
export function xlsxExportLines(figures: XlsxExportFigures): string[] {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const { snapshot } = figures;
  const sorted = [...figures.seconds100k].sort((a, b) => a - b);
  const median100k = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const big = figures.rows === 1_000_000 ? '1M' : `${figures.rows / 1000}k`;
  return [
    `P7 ${big}-row cards XLSX (Chromium), click → file complete: ${figures.seconds1m.toFixed(1)} s vs curl ${figures.curl1m.toFixed(1)} s, ratio ${(figures.seconds1m / figures.curl1m).toFixed(2)}, ${mb(figures.bytes1m)} workbook (ratio ≤ 3)`,
    `P7 XLSX peak live heap incl. offscreen document and its XLSX workers, ${big} vs 100k rows: ${mb(figures.heap1m)} vs ${mb(figures.heap100k)}, ratio ${(figures.heap1m / figures.heap100k).toFixed(2)} (${big} rows: ${figures.samples1m} samples; 100k rows in ${median100k.toFixed(1)} s, exported ${figures.seconds100k.length} times for ${figures.samples100k} samples; peaks of the offscreen document ${mb(figures.peaks1m.offscreen)} vs ${mb(figures.peaks100k.offscreen)}, of its XLSX workers ${mb(figures.peaks1m.dedicated)} vs ${mb(figures.peaks100k.dedicated)}, of the service worker ${mb(figures.peaks1m.worker)} vs ${mb(figures.peaks100k.worker)}) (ratio ≤ 1.5)`,
    `P7 board snapshot (XLSX) of the largest board, click → file complete: ${snapshot.seconds.toFixed(1)} s vs curl of its ${snapshot.reports} reports one after another ${snapshot.curl.toFixed(1)} s, ratio ${(snapshot.seconds / snapshot.curl).toFixed(2)}, ${mb(snapshot.bytes)} workbook (no target)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [boards, extensionDir] = process.argv.slice(2);
  const figures = await measureXlsxExports(boards ? Number(boards) : BOARDS, extensionDir);
  for (const text of xlsxExportLines(figures)) console.log(text);
}
