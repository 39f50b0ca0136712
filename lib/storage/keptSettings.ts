import type { StorageItemKey, WxtStorageItem } from 'wxt/utils/storage';
import type { SecretRecords } from '../persistentToken';

/**
 * Firefox lets content scripts write `storage.local` and `storage.sync` (no `setAccessLevel` there,
 * Mozilla bug 1724754), so the settings that matter for security live in `storage.session`, which
 * its content scripts cannot reach (lib/storage/items.ts). Session storage is memory only: the
 * background keeps a copy of each in the extension's own IndexedDB, which only the extension's
 * origin opens, and puts it back into session storage when it starts. Chrome closes its storage
 * areas instead and needs none of this.
 */
export interface KeptSetting {
  // biome-ignore lint/suspicious/noExplicitAny: any item, whatever its value and metadata types.
  item: WxtStorageItem<any, any>;
  /** Where the previous version kept it (e.g. `sync:excelFriendlyCsv`): moved over once. */
  formerKey: StorageItemKey;
}

/** The storage areas the settings used to live in, as far as moving them out goes. */
export interface FormerAreas {
  getItem(key: StorageItemKey): Promise<unknown>;
  removeItem(key: StorageItemKey): Promise<void>;
}

/** Set once the settings were moved out of `local` and `sync`, so that is never done again. */
const MOVED_RECORD = 'settingsMoved';

function recordName(setting: KeptSetting): string {
  return `setting:${setting.item.key.replace(/^\w+:/, '')}`;
}

function isKept(record: unknown): record is { value: unknown } {
  return typeof record === 'object' && record !== null && 'value' in record;
}

/**
 * Puts each kept setting back into session storage. The first time, settings the previous
 * version kept in `local`/`sync` move over and are removed there; after that those areas are never
 * read again, so what a content script writes there later changes nothing.
 */
export async function restoreKeptSettings(
  settings: readonly KeptSetting[],
  records: SecretRecords,
  former: FormerAreas,
): Promise<void> {
  const moved = (await records.get(MOVED_RECORD)) === true;
  for (const setting of settings) {
    const kept = await records.get(recordName(setting));
    if (isKept(kept)) {
      await setting.item.setValue(kept.value);
      continue;
    }
    if (moved) continue;
    const value = await former.getItem(setting.formerKey);
    if (value === null || value === undefined) continue;
    await records.put(recordName(setting), { value });
    await setting.item.setValue(value);
  }
  if (moved) return;
  // Marked first: a start cut short here leaves a stale copy that is never read, not a second move.
  await records.put(MOVED_RECORD, true);
  for (const setting of settings) await former.removeItem(setting.formerKey);
}

/**
 * Copies every change of a kept setting into `records`, in the order the changes happen (a
 * removed setting is kept as its default). Returns the function that stops it.
 */
export function keepSettings(settings: readonly KeptSetting[], records: SecretRecords): () => void {
  let writes = Promise.resolve();
  const stops = settings.map((setting) =>
    setting.item.watch((value: unknown) => {
      writes = writes
        .then(() => records.put(recordName(setting), { value }))
        .catch(() => undefined);
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Restores the kept settings, then keeps them: resolves once they can be read. Where IndexedDB
 * fails, the settings start from their defaults (Excel-friendly off, not staying signed in) rather
 * than leave the extension unable to answer.
 */
export async function startKeptSettings(
  settings: readonly KeptSetting[],
  records: SecretRecords,
  former: FormerAreas,
): Promise<void> {
  try {
    await restoreKeptSettings(settings, records, former);
  } catch {
    // Nothing to put back: the defaults stand.
  }
  keepSettings(settings, records);
}

/**
 * The same handlers, each first waiting for `loaded`: nothing answers from a setting's fallback
 * while the kept value is still on its way.
 */
export function afterLoading<H extends Record<string, (...args: never[]) => Promise<unknown>>>(
  loaded: Promise<unknown>,
  handlers: H,
): H {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (...args: never[]) => {
        await loaded;
        return handler(...args);
      },
    ]),
  ) as H;
}
