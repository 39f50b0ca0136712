import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { ExportJob } from '../../../lib/jobs/jobRecords';
import type { Preset } from '../../../lib/recipes/recipe';
import type { Simulator } from '../../simulator/index';
import { poll, type UiPage } from '../../support/ui/uiPage';

/** The newest logged export of `path` (e.g. 'cards'): what the extension asked the simulator for. */
export function lastExport(simulator: Simulator, path: string) {
  const request = simulator.requests
    .filter((r) => r.path.replace(/\.(csv|tab|json)$/, '') === `/io/reporting/export/${path}`)
    .at(-1);
  if (!request) throw new Error(`The extension never asked for ${path}`);
  return request;
}

/** The file on disk, checked to be byte for byte what the simulator serves for the same request. */
export async function fileAsServed(
  simulator: Simulator,
  downloadDir: string,
  fileName: string,
  path: string,
): Promise<Buffer> {
  const request = lastExport(simulator, path);
  const query = new URLSearchParams(request.query).toString();
  const expected = await simulator.body(`${request.path}${query ? `?${query}` : ''}`);
  const onDisk = await readFile(join(downloadDir, fileName));
  if (!onDisk.equals(expected)) {
    throw new Error(
      `${fileName} differs from what the simulator serves for ${request.path}?${query}`,
    );
  }
  return onDisk;
}

/** The distinct board ids in a cards CSV file. */
export async function boardIdsInCardsCsv(downloadDir: string, fileName: string): Promise<string[]> {
  const text = await readFile(join(downloadDir, fileName), 'utf8');
  const { data } = Papa.parse<{ currentBoardId: string }>(text, {
    header: true,
    skipEmptyLines: true,
  });
  return [...new Set(data.map((row) => row.currentBoardId))];
}

/** Every export's record (newest first), read from one of the extension's pages in any browser. */
export function exportJobs(page: UiPage): Promise<ExportJob[]> {
  return page.evaluate(async () => {
    type Area = { get(key: string): Promise<Record<string, unknown>> };
    const global = globalThis as unknown as {
      browser?: { storage: { local: Area } };
      chrome?: { storage: { local: Area } };
    };
    const stored = await (global.browser ?? global.chrome)?.storage.local.get('jobs');
    return (stored?.jobs ?? []) as ExportJob[];
  });
}

/**
 * Waits until an export not among `known` has ended (done, failed or cancelled), and returns its
 * record. A done job's file is complete: the job ends when the browser reports the download so.
 */
export function nextFinishedJob(page: UiPage, known: readonly ExportJob[]): Promise<ExportJob> {
  const knownIds = new Set(known.map((job) => job.id));
  return poll(
    'a new export to end',
    async () =>
      (await exportJobs(page)).find(
        (job) => !knownIds.has(job.id) && ['done', 'failed', 'cancelled'].includes(job.state),
      ),
    { timeoutMs: 45_000 },
  );
}

/** Stores presets as lib/recipes/presets.ts does (one sync item each, and the index). */
export async function storePresets(page: UiPage, presets: readonly Preset[]): Promise<void> {
  const items: Record<string, unknown> = { presetIndex: presets.map((preset) => preset.id) };
  for (const preset of presets) items[`preset:${preset.id}`] = preset;
  await page.evaluate(async (values) => {
    type Area = { set(items: object): Promise<void> };
    const global = globalThis as unknown as {
      browser?: { storage: { sync: Area } };
      chrome?: { storage: { sync: Area } };
    };
    await (global.browser ?? global.chrome)?.storage.sync.set(values);
  }, items);
}

/** The stored preset of this name, its id taken from its key, as lib/recipes/presets.ts keeps it. */
export function storedPreset(page: UiPage, name: string): Promise<Preset | undefined> {
  return page.evaluate(async (wanted) => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const global = globalThis as unknown as {
      browser?: { storage: { sync: Area } };
      chrome?: { storage: { sync: Area } };
    };
    const all = (await (global.browser ?? global.chrome)?.storage.sync.get(null)) ?? {};
    return Object.entries(all)
      .filter(([key]) => key.startsWith('preset:'))
      .map(([key, value]) => ({ ...(value as Preset), id: key.slice('preset:'.length) }))
      .find((preset) => preset.name === wanted);
  }, name);
}
