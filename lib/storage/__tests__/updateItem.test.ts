import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { updateItem } from '../updateItem';

const countItem = storage.defineItem<number>('session:testCount', { fallback: 0 });
const listItem = storage.defineItem<string[]>('session:testList', { fallback: [] });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('updateItem', () => {
  it('writes what the change returns', async () => {
    await updateItem(countItem, (n) => n + 5);
    expect(await countItem.getValue()).toBe(5);
  });

  it('loses no write when many updates run at once', async () => {
    await Promise.all(Array.from({ length: 50 }, () => updateItem(countItem, (n) => n + 1)));
    expect(await countItem.getValue()).toBe(50);
  });

  it('keeps every entry when concurrent updates of two items interleave', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? updateItem(listItem, (list) => [...list, `entry ${i}`])
          : updateItem(countItem, (n) => n + 1),
      ),
    );
    expect(await listItem.getValue()).toEqual(
      Array.from({ length: 10 }, (_, i) => `entry ${i * 2}`),
    );
    expect(await countItem.getValue()).toBe(10);
  });

  it('leaves the item alone when the change returns undefined', async () => {
    await countItem.setValue(3);
    await updateItem(countItem, () => undefined);
    expect(await countItem.getValue()).toBe(3);
    expect(await fakeBrowser.storage.session.get('testCount')).toEqual({ testCount: 3 });
  });

  it('rejects a failed update alone; the updates after it still run', async () => {
    const failing = updateItem(countItem, () => {
      throw new Error('broken change');
    });
    const after = updateItem(countItem, (n) => n + 1);
    await expect(failing).rejects.toThrow('broken change');
    await after;
    expect(await countItem.getValue()).toBe(1);
  });
});
