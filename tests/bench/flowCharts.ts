/**
 * P6 of `npm run bench` (issue 15): the Flow charts page in Chromium, for the simulator's board of
 * about 100k card-position rows, from opening `flow.html?board=<id>` to every chart drawn (the page
 * sets `data-flow-state="ready"` on its `<main>` then, `failed` when it cannot), against curl
 * fetching the same four CSV reports one after another; alternating runs, medians, in one
 * simulator and one Chromium of its own (the other figures' board is ten times larger).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLOW_REPORTS } from '../../lib/flow/boardReports';
import { simulatorFetch } from '../simulator/fetch';
import { startSimulator } from '../simulator/index';
import { signIn } from '../simulator/testing';
import { CHROME_EXTENSION_DIR, launchChromiumWithExtension } from '../support/chromium';
import { cardsForPositionRows } from './cardsForPositionRows';
import { timedCurl } from './curl';
import { signInExtension } from './signInExtension';

/** What the page says on its `<main>` once every chart is drawn, or loading failed. */
const FINISHED = 'main[data-flow-state="ready"], main[data-flow-state="failed"]';

/**
 * Resolves in the page as soon as it says it finished: Playwright's own waiting (`waitFor`) checks
 * again only every 500 ms after its first few tries, which added up to half a second to the figure.
 * A string, so the bench's compiler adds no helper the page lacks.
 */
const UNTIL_FINISHED = `new Promise((resolve) => {
  const finished = () => document.querySelector(${JSON.stringify(FINISHED)}) !== null;
  if (finished()) return resolve();
  new MutationObserver((_, observer) => {
    if (!finished()) return;
    observer.disconnect();
    resolve();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-flow-state'] });
})`;

export interface FlowChartsFigures {
  /** Seconds from opening the page to every chart drawn, median. */
  page: number;
  /**
   * Seconds from opening the page to the frame the page painted once every chart was drawn (its
   * `flow-ready frame` mark, counted from the bench's start), median: what the user sees, without
   * the time the bench takes to notice the page is ready (`page`).
   */
  drawn: number;
  /** Seconds for curl to fetch the four reports one after another, median. */
  curl: number;
  bytes: number;
  /**
   * Each run's marks the page left on the way (`flow-whole <report>`, `flow-parsed <report>`,
   * `flow-computed`, `flow-drawn <chart>`), in seconds from the page's start, with the run's end.
   */
  phases: Record<string, number>[];
  /** Each run's page, drawn and curl seconds, in run order. */
  runs: { page: number; drawn: number; curl: number }[];
}

export async function measureFlowCharts({
  positionRows = 100_000,
  runs = 3,
  /** A build to measure other than `.output/chrome-mv3` (to compare two builds in turn). */
  extensionDir = CHROME_EXTENSION_DIR,
} = {}): Promise<FlowChartsFigures> {
  const sim = await startSimulator({
    boards: 1,
    cardsPerBoard: cardsForPositionRows(positionRows),
    tokenLifetimeSeconds: 3600,
  });
  const folder = await mkdtemp(join(tmpdir(), 'leankit-exporter-flow-bench-'));
  const browser = await launchChromiumWithExtension({
    port: sim.port,
    downloadDir: folder,
    extensionDir,
  });
  try {
    const { demo } = sim;
    const signInPage = await browser.context.newPage();
    await signInPage.goto(browser.extensionUrl('popup.html'));
    await signInExtension(signInPage, sim);
    await signInPage.close();
    const token = await signIn(simulatorFetch(sim), sim);
    const boardId = sim.boards[0]?.id ?? '';
    const pages: number[] = [];
    const drawns: number[] = [];
    const curls: number[] = [];
    const phases: Record<string, number>[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run++) {
      const page = await browser.context.newPage();
      // When the page says ready, and when its next frame (what a user sees) comes after that.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('main')?.dataset.flowState !== 'ready') return;
          observer.disconnect();
          performance.mark('flow-ready');
          requestAnimationFrame(() => performance.mark('flow-ready frame'));
        }).observe(document, {
          subtree: true,
          attributes: true,
          attributeFilter: ['data-flow-state'],
        });
      });
      const started = performance.now();
      const startedAt = Date.now();
      await page.goto(browser.extensionUrl(`flow.html?board=${boardId}`));
      await page.evaluate(UNTIL_FINISHED);
      pages.push((performance.now() - started) / 1000);
      const main = page.locator(FINISHED);
      const state = await main.getAttribute('data-flow-state');
      if (state !== 'ready') throw new Error(`Flow charts ${state}: ${await main.textContent()}`);
      const runPhases: Record<string, number> = Object.fromEntries(
        await page.evaluate(() =>
          performance
            .getEntriesByType('mark')
            .filter((mark) => mark.name.startsWith('flow-'))
            .map((mark) => [mark.name, mark.startTime / 1000] as const),
        ),
      );
      // The marks count from the page's own start, which comes this long after the bench's.
      runPhases['page start'] =
        ((await page.evaluate(() => performance.timeOrigin)) - startedAt) / 1000;
      runPhases['page found ready'] = (performance.now() - started) / 1000;
      phases.push(runPhases);
      drawns.push((runPhases['page start'] ?? 0) + (runPhases['flow-ready frame'] ?? Number.NaN));
      await page.close();
      let curl = 0;
      bytes = 0;
      for (const report of FLOW_REPORTS) {
        const file = join(folder, `${report.replace('/', '-')}.csv`);
        const url = `https://${demo.host}/io/reporting/export/${report}.csv?boardId=${boardId}`;
        curl += await timedCurl(sim, url, token, file);
        runPhases[`curl done ${report}`] = curl;
        bytes += (await stat(file)).size;
      }
      curls.push(curl);
    }
    return {
      page: median(pages),
      drawn: median(drawns),
      curl: median(curls),
      bytes,
      phases,
      runs: pages.map((page, run) => ({
        page,
        drawn: drawns[run] ?? Number.NaN,
        curl: curls[run] ?? Number.NaN,
      })),
    };
  } finally {
    await browser.close();
    await sim.close();
    await rm(folder, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}
