import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** A storage item's value, kept current as the background changes it; undefined until read. */
export function useStoredValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // A change seen while the first read is on its way is newer than what that read returns.
    let changed = false;
    void item.getValue().then((first) => {
      if (live && !changed) setValue(first);
    });
    const unwatch = item.watch((next) => {
      changed = true;
      setValue(next);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
