/**
 * Helpers for the export engine's end-to-end tests: start exports and read job state from an
 * extension page, as the popup and the board button do, and compute what each file must contain.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page } from '@playwright/test';
import type { ExportJob, JobState } from '../../lib/jobs/jobRecords';
import type { StartExportRequest } from '../../lib/messaging';
import { createRowPipeline } from '../../lib/pipeline/rowPipeline';
import type { Preset } from '../../lib/recipes/recipe';
import { findReport } from '../../lib/reports';
import type { Simulator } from '../simulator/index';

interface Chrome {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: Record<
    string,
    { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> }
  >;
}

/** The cards export's path: fault rules aimed at it spare the popup's own requests (its board list). */
export const CARDS_PATH = '/io/reporting/export/cards';

/**
 * Held after about a third of the cards export (49 KB): the export is under way, with rows to
 * count, and cannot end until the test releases it, however slow the machine.
 */
export const HELD_EXPORT = {
  fault: { kind: 'hold-after-bytes', bytes: 16_000 },
  path: CARDS_PATH,
} as const;

/** Every request for the cards export the simulator logged (a retry or a resume is one more). */
export function exportRequests(simulator: Simulator) {
  return simulator.requests.filter((r) => r.path.startsWith(CARDS_PATH));
}

/** Starts an export through the background's own protocol, from an extension page. */
export async function startExport(page: Page, request: StartExportRequest): Promise<string> {
  const answer = await page.evaluate(
    (data) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
        type: 'startExport',
        data,
      }),
    request,
  );
  const result = answer as { ok: boolean; value?: { jobId: string }; error?: unknown };
  if (!result.ok || !result.value) throw new Error(`startExport failed: ${JSON.stringify(answer)}`);
  return result.value.jobId;
}

export async function jobs(page: Page): Promise<ExportJob[]> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    return ((await chrome.storage.local?.get('jobs'))?.jobs ?? []) as ExportJob[];
  });
}

/** Polls the job records until the job reaches one of `states`, and returns it. */
export async function waitForJob(
  page: Page,
  jobId: string,
  states: JobState[] = ['done', 'failed', 'cancelled'],
  timeoutMs = 45_000,
): Promise<ExportJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await jobs(page).catch(() => [])).find((j) => j.id === jobId);
    if (job && states.includes(job.state)) return job;
    if (Date.now() > deadline) {
      throw new Error(`job ${jobId} never reached ${states.join('|')}: ${JSON.stringify(job)}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Saves presets as the editor does (one sync item each, and the index), from an extension page. */
export async function savePresets(page: Page, presets: Preset[]): Promise<void> {
  const items: Record<string, unknown> = { presetIndex: presets.map((preset) => preset.id) };
  for (const preset of presets) items[`preset:${preset.id}`] = preset;
  await page.evaluate(
    (values) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync?.set(values),
    items,
  );
}

/** Shortens the stall time the background reads, as only an extension page can. */
export async function setStallTimeout(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    (value) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.storage.session?.set({
        stallTimeoutMs: value,
      }),
    ms,
  );
}

export async function setExcelFriendlyCsv(page: Page, on: boolean): Promise<void> {
  await page.evaluate(
    (value) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync?.set({
        excelFriendlyCsv: value,
      }),
    on,
  );
}

/** Exactly what the simulator serves for the export the job asked for. */
export function servedBytes(sim: Simulator, query: string): Promise<Buffer> {
  return sim.body(`/io/reporting/export/${query}`);
}

/**
 * The Excel-friendly CSV the processed route must make of the simulator's whole cards export,
 * converted here in one piece, and its rows.
 */
export async function excelFriendlyCards(sim: Simulator): Promise<{ text: string; rows: number }> {
  const served = (await servedBytes(sim, 'cards?format=csv')).toString('utf8');
  const report = findReport('cards');
  if (!report) throw new Error('missing report');
  const reference = createRowPipeline({
    report,
    format: 'csv',
    excelFriendly: true,
    recipe: {},
  }).response();
  const { text, rows } = reference.push(served);
  expect(reference.complete, 'the served export ends with a whole row').toBe(true);
  return { text, rows };
}

/** The finished file of a job, checking it is the only file of that name stem in the folder. */
export async function savedFile(downloadDir: string, job: ExportJob): Promise<Buffer> {
  const names = await readdir(downloadDir);
  if (!names.includes(job.fileName)) {
    throw new Error(`${job.fileName} not in ${JSON.stringify(names)}`);
  }
  return readFile(join(downloadDir, job.fileName));
}

/**
 * Waits until the download folder holds exactly these files. Chrome deletes a cancelled or failed
 * download's partial file on its own file thread, after the extension's cancel has returned and
 * the job has ended, so the folder is awaited rather than read once.
 */
export async function expectOnlyFiles(downloadDir: string, names: string[]): Promise<void> {
  await expect.poll(async () => (await readdir(downloadDir)).sort()).toEqual([...names].sort());
}

/**
 * Stops the extension's service worker as the browser does when it is idle, through
 * chrome://serviceworker-internals (CDP's ServiceWorker.stopAllWorkers does not reach extension
 * workers from a page session). Resolves once the page reports it stopped.
 */
export async function stopServiceWorker(context: BrowserContext): Promise<void> {
  const internals = await context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  await internals.getByText('Stop', { exact: true }).first().click();
  await expect(internals.locator('body')).toContainText('Running Status: STOPPED');
  await internals.close();
}
