import { storage } from 'wxt/utils/storage';
import type { Preset } from './recipe';

/**
 * Saved presets in sync storage, so they follow the user to their other browsers. Reading them is
 * here (the popup and the board menu need no more); changing them is in presetChanges.ts.
 */
export const savedPresetsItem = storage.defineItem<Preset[]>('sync:presets', { fallback: [] });

/** Every saved preset, by name. */
export async function listPresets(): Promise<Preset[]> {
  return byName(await savedPresetsItem.getValue());
}

/** Calls back whenever the presets change (on any page or browser); returns the way to stop. */
export function watchPresets(callback: () => void): () => void {
  return savedPresetsItem.watch(() => callback());
}

function byName(presets: Preset[]): Preset[] {
  return [...presets].sort((a, b) => a.name.localeCompare(b.name));
}
