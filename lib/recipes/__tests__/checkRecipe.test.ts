import { describe, expect, it } from 'vitest';
import { LeanKitError } from '../../errors';
import { checkRecipe } from '../checkRecipe';

function refusal(value: unknown, reportId = 'cards'): string {
  try {
    checkRecipe(value, reportId);
  } catch (cause) {
    expect(cause).toBeInstanceOf(LeanKitError);
    expect((cause as LeanKitError).kind).toBe('bad-request');
    return (cause as LeanKitError).message;
  }
  throw new Error('accepted');
}

describe('checkRecipe', () => {
  it('accepts a full recipe and returns a copy of it', () => {
    const recipe = {
      columns: ['cardId', 'cardTitle', 'aColumnLeanKitAddsNextYear'],
      humanHeaders: true,
      filters: {
        dateRange: { column: 'creationDate', from: '2026-01-01', to: '2026-01-31' },
        changedSinceLastExport: true,
        archived: 'exclude',
        laneIds: ['10'],
        cardTypeIds: [],
      },
      customFields: true,
      timeZone: 'Europe/Paris',
    };
    const checked = checkRecipe(recipe, 'cards');
    expect(checked).toEqual(recipe);
    expect(checked.columns).not.toBe(recipe.columns);
  });

  it.each([
    ['an empty recipe', {}],
    ['the local time zone', { timeZone: 'local' }],
    ['a date column LeanKit may add later', { filters: { dateRange: { column: 'newDate' } } }],
    ['a plain date column', { filters: { dateRange: { column: 'plannedStartDate' } } }],
    [
      'an open-ended range',
      { filters: { dateRange: { column: 'creationDate', to: '2026-02-28' } } },
    ],
    [
      'a one-day range',
      { filters: { dateRange: { column: 'creationDate', from: '2026-02-28', to: '2026-02-28' } } },
    ],
    ['custom fields off on another report', { customFields: false }],
  ])('accepts %s', (_name, recipe) => {
    expect(checkRecipe(recipe, 'cards')).toEqual(recipe);
  });

  it.each<[string, unknown, string]>([
    [
      'no object',
      'columns=cardId',
      'The columns and filters: not in a form this version understands.',
    ],
    ['a list', [], 'The columns and filters: not in a form this version understands.'],
    ['null', null, 'The columns and filters: not in a form this version understands.'],
    [
      'an unknown field',
      { colums: ['cardId'] },
      'The columns and filters: "colums" is not something this version knows.',
    ],
    ['columns as text', { columns: 'cardId' }, 'The column list must be a list of names.'],
    [
      'an empty column name',
      { columns: ['cardId', ''] },
      'The column list must be a list of names.',
    ],
    ['no column at all', { columns: [] }, 'Choose at least one column.'],
    [
      'a column twice',
      { columns: ['cardId', 'cardTitle', 'cardId'] },
      'The column "cardId" is chosen twice.',
    ],
    [
      'human headers as text',
      { humanHeaders: 'yes' },
      '"Human headers" must be on or off (true or false).',
    ],
    [
      'filters as a list',
      { filters: [] },
      'The row filters: not in a form this version understands.',
    ],
    [
      'an unknown filter',
      { filters: { owner: 'me' } },
      'The row filters: "owner" is not something this version knows.',
    ],
    [
      'a range without its column',
      { filters: { dateRange: { from: '2026-01-01' } } },
      'The date range needs the date column it reads.',
    ],
    [
      'a range on a text column',
      { filters: { dateRange: { column: 'cardTitle' } } },
      'The date range needs a date column; "cardTitle" is not one.',
    ],
    [
      'a day in another form',
      { filters: { dateRange: { column: 'creationDate', from: '01/02/2026' } } },
      'The date range\'s "from" must be a day written YYYY-MM-DD.',
    ],
    [
      'a day that does not exist',
      { filters: { dateRange: { column: 'creationDate', to: '2026-02-30' } } },
      'The date range\'s "to" must be a day written YYYY-MM-DD.',
    ],
    [
      'a date-time for a day',
      { filters: { dateRange: { column: 'creationDate', to: '2026-02-03T00:00:00Z' } } },
      'The date range\'s "to" must be a day written YYYY-MM-DD.',
    ],
    [
      'a range backwards',
      { filters: { dateRange: { column: 'creationDate', from: '2026-02-02', to: '2026-02-01' } } },
      'The date range ends before it starts.',
    ],
    [
      'an unknown part of the range',
      { filters: { dateRange: { column: 'creationDate', since: '2026-02-02' } } },
      'The date range: "since" is not something this version knows.',
    ],
    [
      '"changed since" as a date',
      { filters: { changedSinceLastExport: '2026-01-01' } },
      '"Changed since my last export" must be on or off (true or false).',
    ],
    [
      'archived as a switch',
      { filters: { archived: true } },
      'The archived cards filter must be "exclude" or "only".',
    ],
    [
      'lanes as numbers',
      { filters: { laneIds: [10] } },
      'The lane filter must be a list of names.',
    ],
    [
      'card types as text',
      { filters: { cardTypeIds: '2' } },
      'The card type filter must be a list of names.',
    ],
    [
      'a zone that does not exist',
      { timeZone: 'Mars/Olympus' },
      '"Mars/Olympus" is not a time zone (e.g. Europe/Paris).',
    ],
    ['an empty zone', { timeZone: '' }, '"" is not a time zone (e.g. Europe/Paris).'],
  ])('refuses %s, saying what is wrong', (_name, recipe, message) => {
    expect(refusal(recipe)).toBe(message);
  });

  it('refuses custom fields on any report but cards', () => {
    expect(refusal({ customFields: true }, 'lanes')).toBe(
      'Custom fields as columns work with the cards report only.',
    );
  });
});
