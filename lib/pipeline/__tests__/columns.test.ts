import { describe, expect, it } from 'vitest';
import type { ExportRecipe } from '../../recipes/recipe';
import { findReport, type Report } from '../../reports';
import { fieldsOf, planColumns } from '../columns';

const cards = findReport('cards') as Report;
const header = ['cardId', 'cardTitle', 'creationDate', 'newColumn', 'currentLaneId'];

describe('planColumns', () => {
  it.each<[string, string[], ExportRecipe, string[], string[], boolean]>([
    [
      'no column list: the known columns as served, then one LeanKit added mid-row',
      header,
      {},
      [],
      ['cardId', 'cardTitle', 'creationDate', 'currentLaneId', 'newColumn'],
      false,
    ],
    [
      'no column list, nothing unknown: every served column as served',
      ['cardId', 'cardTitle', 'creationDate'],
      {},
      [],
      ['cardId', 'cardTitle', 'creationDate'],
      true,
    ],
    [
      'no column list, the unknown column already last: as served',
      ['cardId', 'cardTitle', 'newColumn'],
      {},
      [],
      ['cardId', 'cardTitle', 'newColumn'],
      true,
    ],
    [
      'several unknown columns: after the known ones, in the order served',
      ['zeta', 'cardId', 'alpha', 'cardTitle', 'beta', 'currentLaneId'],
      {},
      [],
      ['cardId', 'cardTitle', 'currentLaneId', 'zeta', 'alpha', 'beta'],
      false,
    ],
    [
      'a header of labels: a label the catalogue knows is known, another is not',
      ['Card ID', 'Card Health', 'Card Title'],
      {},
      [],
      ['Card ID', 'Card Title', 'Card Health'],
      false,
    ],
    [
      'human headers: the known columns in words, an unknown one as served',
      header,
      { humanHeaders: true },
      [],
      ['Card ID', 'Card title', 'Creation date', 'Current lane ID', 'newColumn'],
      false,
    ],
    [
      'a column list: its columns in its order',
      ['cardId', 'cardTitle', 'currentLaneId'],
      { columns: ['currentLaneId', 'cardId'] },
      [],
      ['currentLaneId', 'cardId'],
      false,
    ],
    [
      'a column LeanKit added later can be chosen by its header, and keeps it under human headers',
      header,
      { columns: ['newColumn', 'cardTitle'], humanHeaders: true },
      [],
      ['newColumn', 'Card title'],
      false,
    ],
    [
      'custom fields come last, under their labels',
      header,
      { columns: ['cardTitle', 'newColumn'] },
      ['Budget, "code"', 'Team'],
      ['cardTitle', 'newColumn', 'Budget, "code"', 'Team'],
      false,
    ],
    [
      'every column and custom fields: known, unknown, then custom fields',
      header,
      {},
      ['Team'],
      ['cardId', 'cardTitle', 'creationDate', 'currentLaneId', 'newColumn', 'Team'],
      false,
    ],
    [
      'every column and custom fields, nothing unknown: no longer as served',
      ['cardId', 'cardTitle'],
      {},
      ['Team'],
      ['cardId', 'cardTitle', 'Team'],
      false,
    ],
  ])('%s', (_name, served, recipe, labels, headers, asServed) => {
    const plan = planColumns(cards, served, recipe, labels);
    expect(plan.columns.map((column) => column.header)).toEqual(headers);
    expect(plan.asServed).toBe(asServed);
    expect(plan.notes).toEqual([]);
  });

  it('keeps the customfields report as served under a header of labels ("Board ID")', () => {
    const customfields = findReport('customfields') as Report;
    const labels = ['Card ID', 'Board ID', 'External Card ID', 'Custom Field ID', 'Label'];
    const plan = planColumns(customfields, labels, {}, []);
    expect(plan.columns.map((column) => column.key)).toEqual([
      'cardId',
      'currentBoardId',
      'externalCardId',
      'customFieldId',
      'label',
    ]);
    expect(plan.asServed).toBe(true);
  });

  it.each<[string, ExportRecipe, string[]]>([
    ['a column list', { columns: ['cardTitle', 'cardId'] }, ['cardTitle', 'cardId']],
    [
      'a column list and custom fields',
      { columns: ['cardId'], customFields: true },
      ['cardId', 'Team'],
    ],
  ])(
    '%s: a column LeanKit added and the list leaves out is noted, once each',
    (_name, recipe, keys) => {
      const served = ['cardId', 'cardHealth', 'cardTitle', 'riskScore'];
      const plan = planColumns(cards, served, recipe, recipe.customFields ? ['Team'] : []);
      expect(plan.columns.map((column) => column.key)).toEqual(keys);
      expect(plan.notes).toEqual([
        'LeanKit now serves a column “cardHealth” the chosen columns do not list; it was left out.',
        'LeanKit now serves a column “riskScore” the chosen columns do not list; it was left out.',
      ]);
    },
  );

  it('leaves out a column the report no longer serves, and says so', () => {
    const served = ['cardId', 'cardTitle'];
    const plan = planColumns(cards, served, { columns: ['cardTitle', 'oldColumn'] }, []);
    expect(plan.columns.map((column) => column.key)).toEqual(['cardTitle']);
    expect(plan.notes).toEqual([
      'LeanKit no longer serves the column “oldColumn”; it was left out.',
    ]);
  });

  it('names served columns by id whether LeanKit heads them with ids or with labels', () => {
    const labels = ['Card ID', 'Card Title', 'Creation Date'];
    const plan = planColumns(cards, labels, { columns: ['creationDate', 'cardId'] }, []);
    expect(plan.columns).toEqual([
      { key: 'creationDate', header: 'Creation Date', type: 'datetime' },
      { key: 'cardId', header: 'Card ID', type: 'string' },
    ]);
  });

  it('types unknown columns as text (the guard’s safe side)', () => {
    const plan = planColumns(cards, header, {}, []);
    expect(plan.columns.map((column) => [column.key, column.type])).toEqual([
      ['cardId', 'string'],
      ['cardTitle', 'string'],
      ['creationDate', 'datetime'],
      ['currentLaneId', 'string'],
      ['newColumn', 'string'],
    ]);
  });
});

describe('fieldsOf', () => {
  it('finds each file column in a response whose header is ordered differently, or not at all', () => {
    const { columns } = planColumns(cards, header, { columns: ['cardTitle', 'currentLaneId'] }, [
      'Team',
    ]);
    expect([...fieldsOf(cards, columns, ['currentLaneId', 'cardId', 'Card Title'])]).toEqual([
      2, 0, -1,
    ]);
    expect([...fieldsOf(cards, columns, ['cardId'])]).toEqual([-1, -1, -1]);
  });
});
