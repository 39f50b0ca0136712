/**
 * P1 of `npm run bench`: the 100k-row cards CSV as served (the direct route), click → file
 * complete, against curl of the same request, alternating, in a simulator and a Chromium of its
 * own, so it also runs alone: `node --import tsx tests/bench/rawExport.ts [runs]` after
 * `npx wxt build`. The first export of a fresh browser also opens the offscreen document: it is
 * one of the runs, as a user's first click would be.
 */
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExport, waitForJob } from '../e2e/engineSupport';
import { simulatorFetch } from '../simulator/fetch';
import { startSimulator } from '../simulator/index';
import { signIn } from '../simulator/testing';
import { CHROME_EXTENSION_DIR, launchChromiumWithExtension } from '../support/chromium';
import { timedCurl } from './curl';
import { signInExtension } from './signInExtension';

const ROWS = 100_000;

export interface RawExportRun {
  /** Seconds, click → the job's own finish time. */
  seconds: number;
  /**
   * Where those seconds went, from the job's record and the browser's own times of the save: the
   * click until the job was made (`started`), until the built file's save began (`built`: the
   * request, the body read into a Blob, its URL), until the browser had written it (`saved`), until
   * the job was recorded done (`recorded`).
   */
  phases: { started: number; built: number; saved: number; recorded: number };
  /** Seconds of curl of the same request, right after. */
  curl: number;
}

export interface RawExportFigures {
  runs: RawExportRun[];
  bytes: number;
}

type Chrome = {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  downloads: { search(q: object): Promise<{ startTime: string; endTime?: string }[]> };
};

export async function measureRawExport({
  runs = 3,
  extensionDir = CHROME_EXTENSION_DIR,
}: {
  runs?: number;
  extensionDir?: string;
} = {}): Promise<RawExportFigures> {
  const sim = await startSimulator({ boards: 1, cardsPerBoard: ROWS, tokenLifetimeSeconds: 3600 });
  const downloadDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-raw-bench-'));
  const browser = await launchChromiumWithExtension({ port: sim.port, downloadDir, extensionDir });
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('popup.html'));
    const { demo } = sim;
    await signInExtension(page, sim);
    const token = await signIn(simulatorFetch(sim), sim);
    const board = sim.boards[0]?.id ?? '';
    const url = `https://${demo.host}/io/reporting/export/cards?format=csv&boardId=${board}`;
    const results: RawExportRun[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run++) {
      const started = Date.now();
      const jobId = await startExport(page, {
        reportId: 'cards',
        format: 'csv',
        boardIds: [board],
      });
      const job = await waitForJob(page, jobId, ['done', 'failed', 'cancelled'], 120_000);
      if (job.state !== 'done')
        throw new Error(`export ${job.state}: ${JSON.stringify(job.error)}`);
      const [item] = await page.evaluate(
        (id) => (globalThis as unknown as { chrome: Chrome }).chrome.downloads.search({ id }),
        job.downloadId,
      );
      const finishedAt = job.finishedAt ?? Date.now();
      const saveStarted = item ? Date.parse(item.startTime) : Number.NaN;
      const saveEnded = item?.endTime ? Date.parse(item.endTime) : Number.NaN;
      await unlink(job.path ?? join(downloadDir, job.fileName));
      bytes = job.bytes;
      const file = join(downloadDir, 'curl.csv');
      const curl = await timedCurl(sim, url, token, file);
      await unlink(file);
      results.push({
        seconds: (finishedAt - started) / 1000,
        phases: {
          started: (job.startedAt - started) / 1000,
          built: (saveStarted - job.startedAt) / 1000,
          saved: (saveEnded - saveStarted) / 1000,
          recorded: (finishedAt - saveEnded) / 1000,
        },
        curl,
      });
    }
    return { runs: results, bytes };
  } finally {
    await browser.close();
    await sim.close();
    await rm(downloadDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** The bench's P1 line, as `name: value (target)`. */
export function rawExportLine({ runs, bytes }: RawExportFigures): string {
  const ours = median(runs.map((run) => run.seconds));
  const curl = median(runs.map((run) => run.curl));
  const saved = median(runs.map((run) => run.phases.saved));
  return `P1 100k-row cards CSV, click → file complete: ${ours.toFixed(2)} s vs curl ${curl.toFixed(2)} s, ratio ${(ours / curl).toFixed(2)}, ${(bytes / 1024 / 1024).toFixed(1)} MB; the browser's download itself took ${saved.toFixed(2)} s of it (median of ${runs.length}) (ratio ≤ 1.25)`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const figures = await measureRawExport({ runs: Number(process.argv[2] ?? 9) });
  figures.runs.forEach(({ seconds, phases, curl }, run) => {
    const parts = Object.entries(phases).map(([name, value]) => `${name} ${value.toFixed(2)}`);
    console.log(
      `run ${run + 1}: ours ${seconds.toFixed(2)} s (${parts.join(', ')}), curl ${curl.toFixed(2)} s, ratio ${(seconds / curl).toFixed(2)}`,
    );
  });
  console.log(rawExportLine(figures));
  console.log(
    `load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? Number.NaN).toFixed(1)} after, on ${cpus().length} cores`,
  );
}
