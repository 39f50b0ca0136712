import { describe, expect, it } from 'vitest';
import { findReport, type Report } from '../../reports';
import { fieldsOf, planColumns } from '../columns';

const cards = findReport('cards') as Report;
const header = ['cardId', 'cardTitle', 'creationDate', 'newColumn', 'currentLaneId'];

describe('planColumns', () => {
  it.each([
    [
      'no column list: every served column, in the order served',
      {},
      [],
      ['cardId', 'cardTitle', 'creationDate', 'newColumn', 'currentLaneId'],
      true,
    ],
    [
      'a column list: its columns in its order',
      { columns: ['currentLaneId', 'cardId'] },
      [],
      ['currentLaneId', 'cardId'],
      false,
    ],
    [
      'a column LeanKit added later can be chosen by its header',
      { columns: ['newColumn'] },
      [],
      ['newColumn'],
      false,
    ],
    [
      'human headers',
      { humanHeaders: true },
      [],
      ['Card ID', 'Card title', 'Creation date', 'New column', 'Current lane ID'],
      true,
    ],
    [
      'custom fields come last, under their labels',
      { columns: ['cardTitle'] },
      ['Budget, "code"', 'Team'],
      ['cardTitle', 'Budget, "code"', 'Team'],
      false,
    ],
    [
      'every column and custom fields: no longer as served',
      {},
      ['Team'],
      ['cardId', 'cardTitle', 'creationDate', 'newColumn', 'currentLaneId', 'Team'],
      false,
    ],
  ])('%s', (_name, recipe, labels, headers, asServed) => {
    const plan = planColumns(cards, header, recipe, labels);
    expect(plan.columns.map((column) => column.header)).toEqual(headers);
    expect(plan.asServed).toBe(asServed);
    expect(plan.notes).toEqual([]);
  });

  it('leaves out a column the report no longer serves, and says so', () => {
    const plan = planColumns(cards, header, { columns: ['cardTitle', 'oldColumn'] }, []);
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
    expect(plan.columns.map((column) => column.type)).toEqual([
      'string',
      'string',
      'datetime',
      'string',
      'string',
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
