import { describe, expect, it } from 'vitest';
import { findReport, type Report } from '../../reports';
import type { ExportRecipe } from '../recipe';
import {
  draftFromRecipe,
  isSavedPreset,
  moveColumn,
  recipeFromDraft,
  reportFilters,
} from '../recipeDraft';

function report(id: string): Report {
  const found = findReport(id);
  if (!found) throw new Error(`no report ${id}`);
  return found;
}

const cards = report('cards');
const tags = report('tags');

describe('reportFilters', () => {
  it.each([
    ['cards', { dates: 10, changed: true, archived: true, lanes: true, types: true, custom: true }],
    [
      'cardpositions',
      { dates: 2, changed: false, archived: false, lanes: true, types: false, custom: false },
    ],
    [
      'tags',
      { dates: 0, changed: false, archived: false, lanes: false, types: false, custom: false },
    ],
    [
      'tasks',
      { dates: 10, changed: true, archived: true, lanes: false, types: false, custom: false },
    ],
  ])('%s offers the filters it has columns for', (id, expected) => {
    const filters = reportFilters(report(id));
    expect({
      dates: filters.dateColumns.length,
      changed: filters.changedSinceLastExport,
      archived: filters.archived,
      lanes: filters.lanes,
      types: filters.cardTypes,
      custom: filters.customFields,
    }).toEqual(expected);
  });
});

describe('draftFromRecipe and recipeFromDraft', () => {
  it.each<[string, ExportRecipe]>([
    ['the empty recipe', {}],
    ['chosen columns in a new order', { columns: ['cardTitle', 'cardId'] }],
    ['human headers and local dates', { humanHeaders: true, timeZone: 'local' }],
    [
      'every filter',
      {
        filters: {
          dateRange: { column: 'creationDate', from: '2026-01-01', to: '2026-03-31' },
          changedSinceLastExport: true,
          archived: 'only',
          laneIds: ['11', '12'],
          cardTypeIds: ['7'],
        },
        customFields: true,
      },
    ],
    [
      'a date range open at one end',
      { filters: { dateRange: { column: 'lastMovedDate', to: '2026-02-01' } } },
    ],
    ['a column the catalogue no longer lists', { columns: ['cardId', 'retiredColumn'] }],
  ])('%s goes through a draft unchanged', (_name, recipe) => {
    expect(recipeFromDraft(cards, draftFromRecipe(cards, recipe))).toEqual(recipe);
  });

  it('lists chosen columns first, in order, then the others as the catalogue has them', () => {
    const draft = draftFromRecipe(tags, { columns: ['tag', 'boardId'] });
    expect(draft.columns).toEqual([
      { id: 'tag', chosen: true },
      { id: 'boardId', chosen: true },
      { id: 'cardId', chosen: false },
    ]);
  });

  it('writes no column list when every column is chosen in the catalogue order', () => {
    const draft = draftFromRecipe(tags, { columns: ['boardId', 'cardId', 'tag'] });
    expect(recipeFromDraft(tags, draft)).toEqual({});
  });

  it('keeps a column list that only reorders', () => {
    const draft = draftFromRecipe(tags);
    draft.columns = moveColumn(draft.columns, 2, -1);
    expect(recipeFromDraft(tags, draft)).toEqual({ columns: ['boardId', 'tag', 'cardId'] });
  });

  it('leaves out the filters the report has no data for', () => {
    const draft = {
      ...draftFromRecipe(tags),
      dateColumn: 'creationDate',
      dateFrom: '2026-01-01',
      changedSinceLastExport: true,
      archived: 'exclude' as const,
      laneIds: '1',
      cardTypeIds: '2',
      customFields: true,
    };
    expect(recipeFromDraft(tags, draft)).toEqual({});
  });

  it('reads ids separated by commas, spaces or both', () => {
    const draft = { ...draftFromRecipe(cards), laneIds: ' 11, 12 13,,14 ' };
    expect(recipeFromDraft(cards, draft).filters?.laneIds).toEqual(['11', '12', '13', '14']);
  });
});

describe('moveColumn', () => {
  const three = ['a', 'b', 'c'].map((id) => ({ id, chosen: true }));
  const ids = (columns: { id: string }[]) => columns.map((column) => column.id).join('');

  it.each<[number, -1 | 1, string]>([
    [1, -1, 'bac'],
    [1, 1, 'acb'],
    [0, -1, 'abc'],
    [2, 1, 'abc'],
    [0, 1, 'bac'],
    [2, -1, 'acb'],
  ])('moves index %i by %i: %s', (index, step, expected) => {
    expect(ids(moveColumn(three, index, step))).toBe(expected);
  });
});

describe('isSavedPreset', () => {
  const preset = {
    id: 'p',
    name: 'Weekly',
    reportId: 'cards',
    format: 'csv' as const,
    boardIds: ['101'],
    recipe: { timeZone: 'local', columns: ['cardTitle', 'cardId'] },
  };
  const shown = { ...preset, recipe: { columns: ['cardTitle', 'cardId'], timeZone: 'local' } };

  it.each([
    ['the preset, its recipe written in another order', shown, true],
    ['another format', { ...shown, format: 'tab' as const }, false],
    ['other boards', { ...shown, boardIds: [] }, false],
    [
      'another column order',
      { ...shown, recipe: { ...shown.recipe, columns: ['cardId', 'cardTitle'] } },
      false,
    ],
    [
      'a filter more',
      { ...shown, recipe: { ...shown.recipe, filters: { archived: 'only' as const } } },
      false,
    ],
  ])('%s: %s', (_case, export_, expected) => {
    expect(isSavedPreset(cards, export_, preset)).toBe(expected);
  });
});
