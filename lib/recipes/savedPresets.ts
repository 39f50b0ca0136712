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

/** Calls back with every preset whenever the list changes (on any page or browser). */
export function watchPresets(onChange: (presets: Preset[]) => void): () => void {
  return savedPresetsItem.watch((presets) => onChange(byName(presets)));
}

function byName(presets: Preset[]): Preset[] {
  return [...presets].sort((a, b) => a.name.localeCompare(b.name));
}
