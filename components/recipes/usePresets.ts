import { useEffect, useState } from 'preact/hooks';
import type { Preset } from '@/lib/recipes/recipe';
import type { PresetList } from './presetStore';

/** The saved presets, kept current as any page changes them; undefined until read. */
export function usePresets(store: PresetList): Preset[] | undefined {
  const [presets, setPresets] = useState<Preset[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let changed = false;
    void store.list().then((first) => {
      if (live && !changed) setPresets(first);
    });
    const unwatch = store.watch(() => {
      changed = true;
      void store.list().then((next) => {
        if (live) setPresets(next);
      });
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [store]);
  return presets;
}
