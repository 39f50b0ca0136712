import { describe, expect, it } from 'vitest';
import { type ExportRecipe, isEmptyRecipe } from '../recipe';

describe('isEmptyRecipe', () => {
  it.each<[string, ExportRecipe | undefined]>([
    ['no recipe', undefined],
    ['an empty recipe', {}],
    ['switches that are off', { humanHeaders: false, customFields: false }],
    ['empty filters', { filters: {} }],
    ['empty lane and card type lists', { filters: { laneIds: [], cardTypeIds: [] } }],
    ['a date range without either end', { filters: { dateRange: { column: 'creationDate' } } }],
    ['"changed since" off', { filters: { changedSinceLastExport: false } }],
  ])('%s changes nothing', (_name, recipe) => {
    expect(isEmptyRecipe(recipe)).toBe(true);
  });

  it.each<[string, ExportRecipe]>([
    ['chosen columns', { columns: ['cardId'] }],
    ['human headers', { humanHeaders: true }],
    ['custom fields', { customFields: true }],
    ['a time zone', { timeZone: 'local' }],
    ['a date range from a day', { filters: { dateRange: { column: 'c', from: '2026-01-01' } } }],
    ['a date range to a day', { filters: { dateRange: { column: 'c', to: '2026-01-01' } } }],
    ['"changed since"', { filters: { changedSinceLastExport: true } }],
    ['archived left out', { filters: { archived: 'exclude' } }],
    ['lanes', { filters: { laneIds: ['1'] } }],
    ['card types', { filters: { cardTypeIds: ['2'] } }],
  ])('%s change the file', (_name, recipe) => {
    expect(isEmptyRecipe(recipe)).toBe(false);
  });
});
