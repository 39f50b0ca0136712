import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  deletePreset,
  duplicatePreset,
  exportPresets,
  importPresets,
  renamePreset,
  savePreset,
} from '../presetChanges';
import type { Preset } from '../recipe';
import { listPresets } from '../savedPresets';

const weekly: Omit<Preset, 'id'> = {
  name: 'Weekly',
  reportId: 'cards',
  format: 'csv',
  boardIds: ['101'],
  recipe: { columns: ['cardId', 'cardTitle'], humanHeaders: true },
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('saved presets', () => {
  it('saves, renames, duplicates and deletes, listing by name', async () => {
    const saved = await savePreset(weekly);
    await renamePreset(saved.id, '  Monday  ');
    const copy = await duplicatePreset(saved.id);
    const second = await duplicatePreset(saved.id);
    expect((await listPresets()).map((preset) => preset.name)).toEqual([
      'Monday',
      'Monday (copy 2)',
      'Monday (copy)',
    ]);
    expect(copy).toMatchObject({ ...weekly, name: 'Monday (copy)' });
    await deletePreset(second.id);
    await deletePreset(saved.id);
    expect(await listPresets()).toEqual([copy]);
  });

  it('replaces the preset with the id it is saved under', async () => {
    const saved = await savePreset(weekly);
    await savePreset({ ...weekly, format: 'tab' }, saved.id);
    expect(await listPresets()).toEqual([{ ...saved, format: 'tab' }]);
  });

  it.each([
    ['an empty name', { name: '  ' }, 'Give the preset a name.'],
    [
      'a name in use',
      { name: 'Weekly' },
      'A preset named “Weekly” already exists. Choose another name.',
    ],
  ])('refuses %s', async (_case, change, message) => {
    await savePreset(weekly);
    await expect(savePreset({ ...weekly, ...change })).rejects.toThrow(message);
  });

  it('exports presets without ids and imports them, refusing what it cannot use', async () => {
    await savePreset(weekly);
    const file = await exportPresets();
    expect(JSON.parse(file)).toEqual({ leankitExporterPresets: 1, presets: [weekly] });

    const shared = JSON.parse(file) as { presets: unknown[] };
    shared.presets.push(
      { ...weekly, name: 'Lanes' },
      { ...weekly, name: 'Odd', reportId: 'nope' },
      { ...weekly, name: 'Sheets', format: 'xlsx' },
      'not a preset',
    );
    expect(await importPresets(JSON.stringify(shared))).toEqual({
      imported: [{ name: 'Lanes' }],
      refused: [
        { name: 'Weekly', reason: 'a preset with this name exists' },
        { name: 'Odd', reason: 'its report is unknown' },
        { name: 'Sheets', reason: 'its format is unknown' },
        { name: 'A preset without a name', reason: 'it is not a preset' },
      ],
    });
    expect((await listPresets()).map((preset) => preset.name)).toEqual(['Lanes', 'Weekly']);
  });

  it.each([
    ['not JSON', 'This file is not a presets file: it is not JSON.'],
    ['{"presets": 3}', 'This file is not a presets file: it has no presets.'],
  ])('refuses the file %s', async (text, message) => {
    await expect(importPresets(text)).rejects.toThrow(message);
  });
});
