// @vitest-environment node

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import type { SecretRecords } from '../../persistentToken';
import {
  afterLoading,
  type KeptSetting,
  keepSettings,
  restoreKeptSettings,
  startKeptSettings,
} from '../keptSettings';

// Firefox's layout: the settings in session storage, formerly in sync and local.
const excel = storage.defineItem<boolean>('session:excelFriendlyCsv', { fallback: false });
const stay = storage.defineItem<boolean>('session:staySignedIn', { fallback: false });
const pattern = storage.defineItem<string>('session:fileNamePattern', { fallback: '{default}' });
const settings: KeptSetting[] = [
  { item: excel, formerKey: 'sync:excelFriendlyCsv' },
  { item: stay, formerKey: 'local:staySignedIn' },
  { item: pattern, formerKey: 'sync:fileNamePattern' },
];

/** IndexedDB's stand-in: the real records are proven end to end (tests/e2e/journeys). */
function memoryRecords(): SecretRecords & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (name) => map.get(name),
    put: async (name, value) => {
      map.set(name, structuredClone(value));
    },
    delete: async (name) => {
      map.delete(name);
    },
  };
}

/** Session storage lost, as at a browser restart; the records (on disk) stay. */
async function restart() {
  await fakeBrowser.storage.session.clear();
}

let records: ReturnType<typeof memoryRecords>;
beforeEach(() => {
  fakeBrowser.reset();
  records = memoryRecords();
});

describe('kept settings (Firefox)', () => {
  it('keeps every change in the records and puts it back into session storage after a restart', async () => {
    await restoreKeptSettings(settings, records, storage);
    const stop = keepSettings(settings, records);
    await excel.setValue(true);
    await stay.setValue(true);
    await pattern.setValue('{account}-{report}');
    await pattern.removeValue();
    await pattern.setValue('{report}');
    await expect
      .poll(() => records.map.get('setting:fileNamePattern'))
      .toEqual({
        value: '{report}',
      });

    // The background goes with the browser.
    stop();
    await restart();
    expect(await excel.getValue()).toBe(false);
    await restoreKeptSettings(settings, records, storage);
    expect(await excel.getValue()).toBe(true);
    expect(await stay.getValue()).toBe(true);
    expect(await pattern.getValue()).toBe('{report}');
  });

  it('moves the settings out of sync and local once, and never reads them there again', async () => {
    await fakeBrowser.storage.sync.set({ excelFriendlyCsv: true, fileNamePattern: '{board}' });
    await fakeBrowser.storage.local.set({ staySignedIn: true });
    await restoreKeptSettings(settings, records, storage);
    expect(await excel.getValue()).toBe(true);
    expect(await stay.getValue()).toBe(true);
    expect(await pattern.getValue()).toBe('{board}');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});

    // What a content script can still write in Firefox: it changes nothing, even at a restart,
    // whether or not the user ever changed that setting.
    await excel.setValue(true);
    await records.put('setting:excelFriendlyCsv', { value: true });
    await fakeBrowser.storage.sync.set({ excelFriendlyCsv: false, fileNamePattern: 'x' });
    await fakeBrowser.storage.local.set({ staySignedIn: false });
    await records.delete('setting:fileNamePattern');
    await restart();
    await restoreKeptSettings(settings, records, storage);
    expect(await excel.getValue()).toBe(true);
    expect(await pattern.getValue()).toBe('{default}');
    expect(await stay.getValue()).toBe(true);
  });

  it('keeps a setting put back to its default as the default', async () => {
    await restoreKeptSettings(settings, records, storage);
    const stop = keepSettings(settings, records);
    await pattern.setValue('{report}');
    await pattern.removeValue();
    await expect
      .poll(() => records.map.get('setting:fileNamePattern'))
      .not.toEqual({
        value: '{report}',
      });
    stop();
    await restart();
    await restoreKeptSettings(settings, records, storage);
    expect(await pattern.getValue()).toBe('{default}');
  });

  it('leaves settings never set at their defaults', async () => {
    await restoreKeptSettings(settings, records, storage);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(records.map.get('settingsMoved')).toBe(true);
  });

  it('starts from the defaults, and keeps changes, when the records cannot be read', async () => {
    const failing: SecretRecords = {
      ...records,
      get: async () => {
        throw new Error('IndexedDB is not available');
      },
    };
    await startKeptSettings(settings, failing, storage);
    expect(await excel.getValue()).toBe(false);
    await excel.setValue(true);
    await expect.poll(() => records.map.get('setting:excelFriendlyCsv')).toEqual({ value: true });
  });

  it('stops keeping when told to', async () => {
    const stop = keepSettings(settings, records);
    await excel.setValue(true);
    await expect.poll(() => records.map.get('setting:excelFriendlyCsv')).toEqual({ value: true });
    stop();
    await excel.setValue(false);
    await stay.setValue(true);
    await restart();
    await restoreKeptSettings(settings, records, storage);
    expect(await excel.getValue()).toBe(true);
  });
});

describe('afterLoading', () => {
  it('answers only once the settings are loaded', async () => {
    let finish = () => {};
    const loaded = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const order: string[] = [];
    const handlers = afterLoading(loaded, {
      read: async (name: string) => {
        order.push(`read ${name}`);
        return name.length;
      },
    });
    const answer = handlers.read('excel');
    await Promise.resolve();
    order.push('loaded');
    finish();
    expect(await answer).toBe(5);
    expect(order).toEqual(['loaded', 'read excel']);
  });
});
