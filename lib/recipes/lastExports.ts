import type { ExportJob } from '../jobs/jobRecords';
import { presetLastExportsItem } from '../storage/items';
import { updateItem } from '../storage/updateItem';

// "Changed since my last export with this preset": when the preset's last finished export began,
// per account. Its start, not its end: a card that changed while that export ran may be missing
// from its file, so the next export must still include it.

function keyOf(presetId: string, origin: string): string {
  return `${presetId} ${origin}`;
}

/** When the preset's last finished export of this account started (ms since the epoch), if it had one. */
export async function lastPresetExport(
  presetId: string,
  origin: string,
): Promise<number | undefined> {
  return (await presetLastExportsItem.getValue())[keyOf(presetId, origin)];
}

/**
 * Remembers a job that finished `done` as its preset's last export. Any other job, and one that
 * started before the export already remembered (two ran at once), changes nothing.
 */
export async function rememberPresetExport(
  job: Pick<ExportJob, 'presetId' | 'origin' | 'startedAt' | 'state'>,
): Promise<void> {
  const { presetId, origin, startedAt } = job;
  if (job.state !== 'done' || presetId === undefined || origin === undefined) return;
  await updateItem(presetLastExportsItem, (times) => {
    const key = keyOf(presetId, origin);
    const known = times[key];
    return known !== undefined && known >= startedAt ? undefined : { ...times, [key]: startedAt };
  });
}

/** Forgets a deleted preset's exports, on every account. */
export async function forgetPresetExports(presetId: string): Promise<void> {
  await updateItem(presetLastExportsItem, (times) => {
    const kept = Object.entries(times).filter(([key]) => !key.startsWith(`${presetId} `));
    return kept.length === Object.keys(times).length ? undefined : Object.fromEntries(kept);
  });
}
