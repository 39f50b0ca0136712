import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { isFormat } from '../formats';
import { presetIndexItem, presetKey } from '../storage/items';
import type { Preset } from './recipe';

// Listing presets for a page that only offers them (the popup), apart from lib/recipes/presets.ts,
// whose checks and changes would weigh on the popup's bundle. The background checks a preset in
// full when it is exported (`withPreset`), so a list needs only the shape it shows.

/**
 * Every preset, in the user's order, with the parts a list shows and an export request needs. One
 * another version wrote in a shape this one cannot show is left out.
 */
export async function listPresetChoices(): Promise<Preset[]> {
  const ids = await presetIndexItem.getValue();
  if (ids.length === 0) return [];
  const stored = await storage.getItems(ids.map(presetKey));
  return stored.flatMap(({ value }, index) => {
    const id = ids[index];
    return id !== undefined && isPresetShape(value) ? [{ ...value, id }] : [];
  });
}

function isPresetShape(value: unknown): value is Omit<Preset, 'id'> {
  if (typeof value !== 'object' || value === null) return false;
  const { name, reportId, format, boardIds, recipe } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    typeof reportId === 'string' &&
    typeof format === 'string' &&
    isFormat(format) &&
    Array.isArray(boardIds) &&
    boardIds.every((board) => typeof board === 'string') &&
    typeof recipe === 'object' &&
    recipe !== null
  );
}

/** Calls back whenever a preset or their order changes, here or in another browser. */
export function watchPresets(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync') return;
    if (Object.keys(changes).some((key) => key === 'presetIndex' || key.startsWith('preset:'))) {
      callback();
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
