import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LeanKitError } from '../../errors';
import { presetIndexItem, presetLastExportsItem } from '../../storage/items';
import type { PresetContent } from '../checkPreset';
import { lastPresetExport, rememberPresetExport } from '../lastExports';
import { listPresetChoices, watchPresets } from '../presetList';
import {
  deletePreset,
  duplicatePreset,
  exportPresets,
  getPreset,
  importPresets,
  listPresets,
  renamePreset,
  SYNC_ITEM_BYTES,
  savePreset,
} from '../presets';

const daily: PresetContent = {
  name: 'Daily cards',
  reportId: 'cards',
  format: 'csv',
  boardIds: ['101'],
  recipe: { columns: ['cardId', 'cardTitle'], filters: { archived: 'exclude' } },
};

async function failure(work: Promise<unknown>): Promise<{ kind: string; message: string }> {
  const cause = await work.then(
    () => {
      throw new Error('succeeded');
    },
    (error: unknown) => error,
  );
  expect(cause).toBeInstanceOf(LeanKitError);
  const { kind, message } = cause as LeanKitError;
  return { kind, message };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('presets in sync storage', () => {
  it('saves a new preset under an id of its own, one sync item each, in the order saved', async () => {
    const first = await savePreset(daily);
    const second = await savePreset({ ...daily, name: 'Weekly', format: 'tab' });
    expect(first.id).not.toBe(second.id);
    expect(await listPresets()).toEqual([
      { ...daily, id: first.id },
      { ...daily, name: 'Weekly', format: 'tab', id: second.id },
    ]);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({
      presetIndex: [first.id, second.id],
      [`preset:${first.id}`]: daily,
      [`preset:${second.id}`]: { ...daily, name: 'Weekly', format: 'tab' },
    });
    expect(await getPreset(second.id)).toEqual({
      ...daily,
      name: 'Weekly',
      format: 'tab',
      id: second.id,
    });
    expect(await getPreset('nope')).toBeUndefined();
  });

  it('updates a preset in place, keeping its id and place', async () => {
    const first = await savePreset(daily);
    const second = await savePreset({ ...daily, name: 'Weekly' });
    const updated = await savePreset(
      { ...daily, name: '  Daily, 3 columns ', recipe: { columns: ['a', 'b', 'c'] } },
      first.id,
    );
    expect(updated).toEqual({
      ...daily,
      id: first.id,
      name: 'Daily, 3 columns',
      recipe: { columns: ['a', 'b', 'c'] },
    });
    expect((await listPresets()).map(({ id }) => id)).toEqual([first.id, second.id]);
  });

  it('keeps only what a preset defines', async () => {
    const saved = await savePreset({ ...daily, extra: 'x' } as PresetContent).catch(
      (e: LeanKitError) => e.message,
    );
    expect(saved).toBe('The preset: "extra" is not something this version knows.');
  });

  it.each<[string, Partial<PresetContent>, string]>([
    ['an empty name', { name: '   ' }, 'Give the preset a name.'],
    [
      'a name too long',
      { name: 'x'.repeat(81) },
      'A preset name can be at most 80 characters long.',
    ],
    ['an unknown report', { reportId: 'burndown' }, 'There is no report called "burndown".'],
    ['an unknown format', { format: 'pdf' as 'csv' }, '"pdf" is not a format LeanKit serves.'],
    [
      'boards as text',
      { boardIds: '101' as unknown as string[] },
      'The preset’s boards must be a list of board ids.',
    ],
    ['a malformed recipe', { recipe: { columns: [] } }, 'Choose at least one column.'],
    [
      'JSON with columns',
      { format: 'json' },
      'Columns and filters work with CSV, TAB and XLSX exports.',
    ],
  ])('refuses %s, saving nothing', async (_name, change, message) => {
    expect(await failure(savePreset({ ...daily, ...change }))).toEqual({
      kind: 'bad-request',
      message,
    });
    expect(await listPresets()).toEqual([]);
  });

  it('accepts JSON without columns and filters', async () => {
    const saved = await savePreset({ ...daily, format: 'json', recipe: {} });
    expect(saved.format).toBe('json');
  });

  it('refuses a name already taken, whatever its case, but lets a preset keep its own', async () => {
    const first = await savePreset(daily);
    expect(await failure(savePreset({ ...daily, name: ' DAILY cards' }))).toEqual({
      kind: 'bad-request',
      message: 'There is already a preset called "Daily cards". Choose another name.',
    });
    await expect(savePreset({ ...daily, name: 'daily Cards' }, first.id)).resolves.toMatchObject({
      name: 'daily Cards',
    });
  });

  it('refuses a preset too large for one sync item, saying how large', async () => {
    const columns = Array.from({ length: 400 }, (_, i) => `customColumnNumber${i}`);
    const { kind, message } = await failure(savePreset({ ...daily, recipe: { columns } }));
    expect(kind).toBe('bad-request');
    expect(message).toMatch(
      /^The preset "Daily cards" is too large to keep \(\d+\.?\d* KB; the browser keeps at most 8\.2 KB per preset\)\. Choose fewer columns, lanes or card types\.$/,
    );
    expect(await listPresets()).toEqual([]);
  });

  it('saves a preset just within the limit', async () => {
    // The key (preset:<36-char id>) and the JSON together: grow one column name to the byte.
    const base =
      JSON.stringify({ ...daily, recipe: { columns: [''] } }).length + 'preset:'.length + 36;
    const saved = await savePreset({
      ...daily,
      recipe: { columns: ['x'.repeat(SYNC_ITEM_BYTES - base)] },
    });
    expect(await getPreset(saved.id)).toEqual(saved);
    await expect(
      savePreset({
        ...daily,
        name: 'Daily other', // as long as the first one's
        recipe: { columns: ['x'.repeat(SYNC_ITEM_BYTES - base + 1)] },
      }),
    ).rejects.toThrow('too large');
  });

  it.each([
    [
      'QUOTA_BYTES quota exceeded',
      'The browser’s room for presets is full. Delete a preset you no longer use, then save again.',
    ],
    [
      'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.',
      'The browser limits how often presets change. Wait a minute, then save again.',
    ],
    ['IO error', 'The browser would not keep the preset: IO error'],
  ])('says why the browser would not store a preset (%s)', async (browserMessage, message) => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error(browserMessage));
    expect(await failure(savePreset(daily))).toEqual({ kind: 'disk', message });
    expect(await listPresets()).toEqual([]);
  });

  it('leaves out a stored preset it cannot read, and the others stay', async () => {
    const good = await savePreset(daily);
    await fakeBrowser.storage.sync.set({
      'preset:broken': {
        name: 'From the future',
        reportId: 'cards',
        format: 'pdf',
        boardIds: [],
        recipe: {},
      },
    });
    await presetIndexItem.setValue(['broken', good.id, 'missing']);
    expect(await listPresets()).toEqual([good]);
    expect(await getPreset('broken')).toBeUndefined();
  });

  it('renames a preset, refusing a taken or empty name', async () => {
    const first = await savePreset(daily);
    await savePreset({ ...daily, name: 'Weekly' });
    expect(await renamePreset(first.id, 'Morning')).toEqual({
      ...daily,
      id: first.id,
      name: 'Morning',
    });
    expect((await failure(renamePreset(first.id, 'weekly'))).message).toBe(
      'There is already a preset called "Weekly". Choose another name.',
    );
    expect((await failure(renamePreset(first.id, ''))).message).toBe('Give the preset a name.');
  });

  it('duplicates a preset as "<name> (copy)", then "(copy 2)", right after the original', async () => {
    const first = await savePreset(daily);
    const last = await savePreset({ ...daily, name: 'Weekly' });
    const copy = await duplicatePreset(first.id);
    const again = await duplicatePreset(first.id);
    expect(copy).toEqual({ ...daily, id: copy.id, name: 'Daily cards (copy)' });
    expect(again.name).toBe('Daily cards (copy 2)');
    expect((await listPresets()).map(({ id }) => id)).toEqual([
      first.id,
      again.id,
      copy.id,
      last.id,
    ]);
    // A copy is its own preset.
    await renamePreset(copy.id, 'Changed');
    expect((await getPreset(first.id))?.name).toBe('Daily cards');
  });

  it('shortens a long name so that its copy’s name still fits', async () => {
    const long = await savePreset({ ...daily, name: 'n'.repeat(80) });
    const copy = await duplicatePreset(long.id);
    expect(copy.name).toBe(`${'n'.repeat(73)} (copy)`);
    expect(await getPreset(copy.id)).toEqual(copy);
  });

  it('deletes a preset and when it last exported, on every account', async () => {
    const first = await savePreset(daily);
    const second = await savePreset({ ...daily, name: 'Weekly' });
    for (const origin of ['https://acme.leankit.com', 'https://other.leankit.com']) {
      await rememberPresetExport({ presetId: first.id, origin, startedAt: 5, state: 'done' });
    }
    await rememberPresetExport({
      presetId: second.id,
      origin: 'https://acme.leankit.com',
      startedAt: 7,
      state: 'done',
    });
    await deletePreset(first.id);
    expect(await listPresets()).toEqual([second]);
    expect(await fakeBrowser.storage.sync.get(`preset:${first.id}`)).toEqual({});
    expect(await presetLastExportsItem.getValue()).toEqual({
      [`${second.id} https://acme.leankit.com`]: 7,
    });
  });

  it.each([
    ['rename', (id: string) => renamePreset(id, 'x')],
    ['duplicate', (id: string) => duplicatePreset(id)],
    ['update', (id: string) => savePreset(daily, id)],
  ])('says so when the preset to %s was deleted meanwhile', async (_name, act) => {
    const preset = await savePreset(daily);
    await deletePreset(preset.id);
    expect(await failure(act(preset.id))).toEqual({
      kind: 'not-found',
      message: 'That preset no longer exists. It may have been deleted in another window.',
    });
    expect(await listPresets()).toEqual([]);
  });

  it('tells watchers of every change to the presets, and of nothing else', async () => {
    const changed = vi.fn();
    const unwatch = watchPresets(changed);
    await fakeBrowser.storage.sync.set({ defaultFormat: 'tab' });
    expect(changed).not.toHaveBeenCalled();
    const preset = await savePreset(daily);
    await vi.waitFor(() => expect(changed).toHaveBeenCalled());
    changed.mockClear();
    await renamePreset(preset.id, 'Other');
    await vi.waitFor(() => expect(changed).toHaveBeenCalled());
    unwatch();
    changed.mockClear();
    await deletePreset(preset.id);
    expect(changed).not.toHaveBeenCalled();
  });

  it('keeps both of two presets saved at once', async () => {
    await Promise.all([savePreset(daily), savePreset({ ...daily, name: 'Weekly' })]);
    expect((await listPresets()).map(({ name }) => name)).toEqual(['Daily cards', 'Weekly']);
  });
});

describe('presets files', () => {
  it('exports every preset and imports them elsewhere as they were', async () => {
    await savePreset(daily);
    await savePreset({ ...daily, name: 'Lanes', reportId: 'lanes', boardIds: [], recipe: {} });
    const file = await exportPresets();
    expect(JSON.parse(file)).toEqual({
      leankitExporterPresets: 1,
      presets: [daily, { ...daily, name: 'Lanes', reportId: 'lanes', boardIds: [], recipe: {} }],
    });

    fakeBrowser.reset();
    expect(await importPresets(file)).toEqual({
      imported: [{ name: 'Daily cards' }, { name: 'Lanes' }],
      refused: [],
    });
    expect((await listPresets()).map(({ id: _id, ...content }) => content)).toEqual(
      JSON.parse(file).presets,
    );
  });

  it('adds imports after the existing presets, skipping the same preset and renaming a namesake', async () => {
    const mine = await savePreset(daily);
    const file = JSON.stringify({
      leankitExporterPresets: 1,
      presets: [
        { ...daily, name: 'DAILY CARDS' },
        { ...daily, name: 'daily cards', format: 'tab' },
        { ...daily, name: 'Weekly', reportId: 'lanes' },
        { ...daily, name: 'Broken', format: 'pdf' },
      ],
    });
    expect(await importPresets(file)).toEqual({
      imported: [
        { name: 'daily cards (imported)', renamedFrom: 'daily cards' },
        { name: 'Weekly' },
      ],
      refused: [
        {
          name: 'DAILY CARDS',
          reason: 'A preset with this name and the same settings is already there.',
        },
        { name: 'Broken', reason: '"pdf" is not a format LeanKit serves.' },
      ],
    });
    const names = (await listPresets()).map(({ name }) => name);
    expect(names).toEqual(['Daily cards', 'daily cards (imported)', 'Weekly']);
    expect((await listPresets())[0]?.id).toBe(mine.id);
  });

  it('refuses an imported preset too large to keep, importing the rest', async () => {
    const columns = Array.from({ length: 400 }, (_, i) => `customColumnNumber${i}`);
    const file = JSON.stringify({
      leankitExporterPresets: 1,
      presets: [{ ...daily, name: 'Huge', recipe: { columns } }, daily],
    });
    const result = await importPresets(file);
    expect(result.imported).toEqual([{ name: 'Daily cards' }]);
    expect(result.refused).toEqual([
      { name: 'Huge', reason: expect.stringMatching(/^The preset "Huge" is too large to keep/) },
    ]);
  });

  it('refuses a file that is not a presets file, importing nothing', async () => {
    for (const text of [
      'not json',
      '[]',
      '{"presets": []}',
      '{"leankitExporterPresets": 1, "presets": {}}',
    ]) {
      expect(await failure(importPresets(text))).toEqual({
        kind: 'bad-request',
        message:
          'This is not a LeanKit Exporter presets file. Choose a file exported from the presets list.',
      });
    }
    expect(
      (await failure(importPresets('{"leankitExporterPresets": 2, "presets": []}'))).message,
    ).toBe(
      'This presets file was written by a newer version of LeanKit Exporter. Update the extension, then import it again.',
    );
    expect(await listPresets()).toEqual([]);
  });
});

describe('last exports per preset and account', () => {
  const acme = 'https://acme.leankit.com';

  it('remembers the start of the last export that finished done, and nothing else', async () => {
    expect(await lastPresetExport('p1', acme)).toBeUndefined();
    await rememberPresetExport({ presetId: 'p1', origin: acme, startedAt: 100, state: 'failed' });
    await rememberPresetExport({
      presetId: 'p1',
      origin: acme,
      startedAt: 100,
      state: 'cancelled',
    });
    await rememberPresetExport({
      presetId: undefined,
      origin: acme,
      startedAt: 100,
      state: 'done',
    });
    expect(await lastPresetExport('p1', acme)).toBeUndefined();
    await rememberPresetExport({ presetId: 'p1', origin: acme, startedAt: 200, state: 'done' });
    expect(await lastPresetExport('p1', acme)).toBe(200);
    expect(await lastPresetExport('p1', 'https://other.leankit.com')).toBeUndefined();
    expect(await lastPresetExport('p2', acme)).toBeUndefined();
  });

  it('keeps the later start when an export that began earlier finishes last', async () => {
    await rememberPresetExport({ presetId: 'p1', origin: acme, startedAt: 300, state: 'done' });
    await rememberPresetExport({ presetId: 'p1', origin: acme, startedAt: 200, state: 'done' });
    expect(await lastPresetExport('p1', acme)).toBe(300);
  });
});

describe("listPresetChoices (the popup's list)", () => {
  beforeEach(() => fakeBrowser.reset());

  it('lists what listPresets lists, in the same order', async () => {
    await savePreset(daily);
    await savePreset({ ...daily, name: 'Weekly lanes', reportId: 'lanes', format: 'tab' });
    expect(await listPresetChoices()).toEqual(await listPresets());
  });

  it('leaves out an entry it cannot show, and one the index does not name', async () => {
    const kept = await savePreset(daily);
    await fakeBrowser.storage.sync.set({
      'preset:odd': { name: 'Odd', reportId: 'cards', format: 'pdf', boardIds: [], recipe: {} },
      'preset:stray': { ...daily, name: 'Stray' },
      presetIndex: [kept.id, 'odd', 'missing'],
    });
    expect(await listPresetChoices()).toEqual([kept]);
  });
});
