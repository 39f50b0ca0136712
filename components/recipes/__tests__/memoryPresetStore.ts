import type { Preset } from '@/lib/recipes/recipe';
import type { PresetStore } from '../presetStore';

/** Presets in memory for component tests, with the same rules the pages rely on. */
export function memoryPresetStore(initial: Preset[] = []) {
  let presets = [...initial];
  let next = initial.length + 1;
  const listeners = new Set<() => void>();
  const set = (changed: Preset[]) => {
    presets = changed;
    for (const listener of listeners) listener();
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
    save: async (content, id) => {
      if (!content.name.trim()) throw new Error('Give the preset a name.');
      const saved = { ...content, id: id ?? `p${next++}` };
      set([...presets.filter((other) => other.id !== saved.id), saved]);
      return saved;
    },
    rename: async (id, name) => {
      const { id: _id, ...content } = found(id);
      return store.save({ ...content, name }, id);
    },
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
      const imported = [];
      for (const entry of good) {
        const taken = presets.some((preset) => preset.name === entry.name);
        const name = taken ? `${entry.name} (2)` : entry.name;
        await store.save({ ...entry, name });
        imported.push(taken ? { name, renamedFrom: entry.name } : { name });
      }
      return { imported, refused };
    },
  };
  return store;
}
