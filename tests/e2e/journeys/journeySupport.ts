import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Simulator } from '../../simulator/index';

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
