import { describe, expect, it } from 'vitest';
import { findReport, type Report } from '../../reports';
import type { ExportRecipe, Preset } from '../recipe';
import {
  chosenLaneIds,
  draftFromRecipe,
  hasUnsavedChanges,
  isSavedPreset,
  moveColumn,
  presetFromPage,
  recipeFromDraft,
  reportFilters,
  withLane,
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
      cardTypes: '2',
      customFields: true,
    };
    expect(recipeFromDraft(tags, draft)).toEqual({});
  });

  it('reads ids separated by commas, spaces or both', () => {
    const draft = { ...draftFromRecipe(cards), laneIds: ' 11, 12 13,,14 ' };
    expect(recipeFromDraft(cards, draft).filters?.laneIds).toEqual(['11', '12', '13', '14']);
  });

  it('reads card types, names with spaces among them, separated by commas', () => {
    const draft = { ...draftFromRecipe(cards), cardTypes: ' User Story, defect,,12 ' };
    expect(recipeFromDraft(cards, draft).filters?.cardTypeIds).toEqual([
      'User Story',
      'defect',
      '12',
    ]);
    expect(
      draftFromRecipe(cards, { filters: { cardTypeIds: ['User Story', '12'] } }).cardTypes,
    ).toBe('User Story, 12');
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

describe('lanes ticked in the picker', () => {
  const draft = (laneIds: string) => ({ ...draftFromRecipe(cards), laneIds });

  it.each<[string, string, boolean, string]>([
    ['adds a lane after those there', '11, 12', true, '11, 12, 13'],
    ['adds the first lane', '', true, '13'],
    ['keeps typed ids the picker does not list', '99 11', true, '99, 11, 13'],
    ['does not add a lane twice', '13, 11', true, '11, 13'],
    ['removes a lane, keeping the others in order', '11, 13 12', false, '11, 12'],
    ['removes the last lane', '13', false, ''],
  ])('%s', (_case, typed, chosen, expected) => {
    expect(withLane(draft(typed), '13', chosen)).toBe(expected);
  });

  it('reads the ids the picker ticks from the field as typed', () => {
    expect(chosenLaneIds(draft(' 11,12  13,,'))).toEqual(['11', '12', '13']);
  });
});

describe('the page as a preset, and unsaved changes', () => {
  const positions = report('cardpositions');
  const saved: Preset = {
    id: 'p',
    name: 'Lanes',
    reportId: 'cards',
    format: 'csv',
    boardIds: ['101'],
    recipe: { filters: { laneIds: ['11', '12'], cardTypeIds: ['Defect'] } },
  };
  const page = (changes: Partial<Parameters<typeof presetFromPage>[0]> = {}) => ({
    report: cards,
    format: 'csv' as const,
    boardIds: ['101'],
    draft: draftFromRecipe(cards, saved.recipe),
    ...changes,
  });

  it('is the preset it was opened on', () => {
    expect(presetFromPage(page())).toEqual({
      reportId: 'cards',
      format: 'csv',
      boardIds: ['101'],
      recipe: saved.recipe,
    });
  });

  it('has no recipe as JSON, and no boards for a report without them', () => {
    expect(presetFromPage(page({ format: 'json' }))).toMatchObject({ recipe: {} });
    const boards = report('boards');
    expect(presetFromPage(page({ report: boards, draft: draftFromRecipe(boards) }))).toMatchObject({
      boardIds: [],
    });
  });

  it('cannot be a preset without a column', () => {
    const draft = draftFromRecipe(cards);
    draft.columns = draft.columns.map((column) => ({ ...column, chosen: false }));
    expect(presetFromPage(page({ draft }))).toBe('Choose at least one column.');
    expect(hasUnsavedChanges(page({ draft }), saved)).toBe(true);
  });

  it.each<[string, Partial<Parameters<typeof presetFromPage>[0]>, boolean]>([
    ['as opened', {}, false],
    ['lanes typed with other separators', { draft: { ...page().draft, laneIds: '11 12' } }, false],
    ['a lane ticked', { draft: { ...page().draft, laneIds: '11, 12, 13' } }, true],
    ['a card type less', { draft: { ...page().draft, cardTypes: '' } }, true],
    ['another format', { format: 'tab' }, true],
    ['another board', { boardIds: ['102'] }, true],
    ['another report', { report: positions, draft: draftFromRecipe(positions) }, true],
  ])('%s: unsaved %s', (_case, changes, unsaved) => {
    expect(hasUnsavedChanges(page(changes), saved)).toBe(unsaved);
  });
});
