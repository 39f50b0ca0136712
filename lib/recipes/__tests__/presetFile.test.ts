import { describe, expect, it } from 'vitest';
import { readPresetFile, writePresetFile } from '../presetFile';
import type { Preset } from '../recipe';

const daily: Preset = {
  id: 'p1',
  name: 'Daily',
  reportId: 'cards',
  format: 'csv',
  boardIds: ['101'],
  recipe: { columns: ['cardId'], filters: { archived: 'exclude', laneIds: ['7'] } },
};
const file = (presets: unknown[]) => JSON.stringify({ leankitExporterPresets: 1, presets });

describe('writePresetFile', () => {
  it('writes the marker, the version and each preset without its id', () => {
    expect(JSON.parse(writePresetFile([daily]))).toEqual({
      leankitExporterPresets: 1,
      presets: [
        {
          name: 'Daily',
          reportId: 'cards',
          format: 'csv',
          boardIds: ['101'],
          recipe: daily.recipe,
        },
      ],
    });
    expect(writePresetFile([])).toBe('{\n  "leankitExporterPresets": 1,\n  "presets": []\n}\n');
  });
});

describe('readPresetFile', () => {
  it('reads back what it wrote, ignoring ids', () => {
    const { id: _id, ...content } = daily;
    expect(readPresetFile(writePresetFile([daily]), [])).toEqual({
      add: [{ preset: content }],
      refused: [],
    });
    expect(readPresetFile(file([{ ...content, id: 'from-elsewhere' }]), []).add).toEqual([
      { preset: content },
    ]);
  });

  it('skips the same preset whatever the order of its fields, and renames a namesake', () => {
    const reordered = {
      recipe: { filters: { laneIds: ['7'], archived: 'exclude' }, columns: ['cardId'] },
      boardIds: ['101'],
      format: 'csv',
      reportId: 'cards',
      name: 'daily',
    };
    const other = { ...reordered, format: 'tab' };
    expect(readPresetFile(file([reordered, other, other]), [daily])).toEqual({
      add: [
        {
          preset: expect.objectContaining({ name: 'daily (imported)', format: 'tab' }),
          renamedFrom: 'daily',
        },
        {
          preset: expect.objectContaining({ name: 'daily (imported 2)', format: 'tab' }),
          renamedFrom: 'daily',
        },
      ],
      refused: [
        {
          name: 'daily',
          reason: 'A preset with this name and the same settings is already there.',
        },
      ],
    });
  });

  it('treats two presets of one file with the same name as it treats an existing one', () => {
    const { id: _id, ...content } = daily;
    const plan = readPresetFile(file([content, content, { ...content, format: 'tab' }]), []);
    expect(plan.add.map(({ preset }) => preset.name)).toEqual(['Daily', 'Daily (imported)']);
    expect(plan.refused).toHaveLength(1);
  });

  it('refuses malformed entries, each with its reason, and names those without a name by place', () => {
    const { id: _id, ...content } = daily;
    expect(
      readPresetFile(
        file([42, { ...content, name: '' }, { ...content, name: 'Lanes', reportId: 'x' }, content]),
        [],
      ),
    ).toEqual({
      add: [{ preset: content }],
      refused: [
        {
          name: 'Preset 1 of the file',
          reason: 'The preset is not in a form this version understands.',
        },
        { name: 'Preset 2 of the file', reason: 'Give the preset a name.' },
        { name: 'Lanes', reason: 'There is no report called "x".' },
      ],
    });
  });
});
