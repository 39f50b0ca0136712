import type { Preset } from '@/lib/recipes/recipe';
import type { PresetStore } from '../presetStore';

/** Presets in memory for component tests, with the same rules the pages rely on. */
export function memoryPresetStore(initial: Preset[] = []) {
  let presets = [...initial];
  let next = initial.length + 1;
  const listeners = new Set<(presets: Preset[]) => void>();
  const set = (changed: Preset[]) => {
    presets = changed;
    for (const listener of listeners) listener([...presets]);
  };
  const found = (id: string) => {
    const preset = presets.find((other) => other.id === id);
    if (!preset) throw new Error('That preset no longer exists.');
    return preset;
  };
  const store: PresetStore & { presets: () => Preset[] } = {
    presets: () => presets,
    list: async () => [...presets],
    watch: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    save: async (preset) => {
      if (!preset.name.trim()) throw new Error('Give the preset a name.');
      const saved = { ...preset, id: preset.id ?? `p${next++}` };
      set([...presets.filter((other) => other.id !== saved.id), saved]);
      return saved;
    },
    rename: async (id, name) => store.save({ ...found(id), name }),
    duplicate: async (id) => {
      const { id: _id, ...copy } = found(id);
      return store.save({ ...copy, name: `${copy.name} (copy)` });
    },
    remove: async (id) => set(presets.filter((preset) => preset.id !== id)),
    exportJson: async () => JSON.stringify({ presets }),
    importJson: async (text) => {
      const { presets: entries } = JSON.parse(text) as { presets: Omit<Preset, 'id'>[] };
      const refused = entries
        .filter((entry) => entry.reportId === 'nope')
        .map((entry) => ({ name: entry.name, reason: 'its report is unknown' }));
      const good = entries.filter((entry) => entry.reportId !== 'nope');
      for (const entry of good) await store.save(entry);
      return { imported: good.map((entry) => entry.name), refused };
    },
  };
  return store;
}
