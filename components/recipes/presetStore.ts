import type { Preset } from '@/lib/recipes/recipe';

/** What the preset controls need of saved presets. Failures reject with a message for the user. */
export interface PresetStore {
  /** Every saved preset, in the order to list them. */
  list(): Promise<Preset[]>;
  /** Calls back whenever the presets change (here or in another browser); returns the way to stop. */
  watch(callback: () => void): () => void;
  /** Saves a new preset (no id) or replaces the one with that id; answers what was saved. */
  save(content: Omit<Preset, 'id'>, id?: string): Promise<Preset>;
  rename(id: string, name: string): Promise<Preset>;
  /** A copy under a new name; answers the copy. */
  duplicate(id: string): Promise<Preset>;
  remove(id: string): Promise<void>;
  /** Every preset as the text of a JSON file. */
  exportJson(): Promise<string>;
  /** Adds the presets of such a file: the names added, and those refused with why. */
  importJson(text: string): Promise<{
    imported: { name: string; renamedFrom?: string }[];
    refused: { name: string; reason: string }[];
  }>;
}

/** What a page that only lists presets needs (the popup: it stays small). */
export type PresetList = Pick<PresetStore, 'list' | 'watch'>;
