import type { WxtStorageItem } from 'wxt/utils/storage';

/** The write last queued for each item; the next update of that item waits for it. */
const queues = new WeakMap<object, Promise<void>>();

/**
 * Read-modify-write of a storage item. Updates of the same item run one after another, each
 * reading what the one before wrote, so concurrent updates never lose a write. `change` returns
 * the new value (or a promise of it), or `undefined` to leave the item as it is. A failed update rejects its own
 * promise only; the updates after it still run.
 */
export function updateItem<T>(
  // biome-ignore lint/suspicious/noExplicitAny: any item, whatever its metadata type.
  item: WxtStorageItem<T, any>,
  change: (value: T) => T | undefined | Promise<T | undefined>,
): Promise<void> {
  const update = (queues.get(item) ?? Promise.resolve()).then(async () => {
    const next = await change(await item.getValue());
    if (next !== undefined) await item.setValue(next);
  });
  queues.set(
    item,
    update.catch(() => undefined),
  );
  return update;
}
