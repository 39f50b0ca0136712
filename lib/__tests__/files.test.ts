import { describe, expect, it } from 'vitest';
import { exportFileName } from '../files';

const date = new Date(2026, 10, 27, 14, 5);

describe('exportFileName', () => {
  it.each([
    [
      { reportId: 'cards', boardIds: [], format: 'csv' },
      'leankit-acme-cards-all-20261127-1405.csv',
    ],
    [
      { reportId: 'cards', boardIds: ['10112345678'], format: 'json' },
      'leankit-acme-cards-board10112345678-20261127-1405.json',
    ],
    [
      { reportId: 'userassignments-current', boardIds: ['1', '2', '3'], format: 'tab' },
      'leankit-acme-userassignments-current-3boards-20261127-1405.tsv',
    ],
  ] as const)('names %j as %s', (parts, expected) => {
    expect(
      exportFileName({ accountName: 'acme', date, ...parts, boardIds: [...parts.boardIds] }),
    ).toBe(expected);
  });

  it('keeps only characters every file system accepts', () => {
    const name = exportFileName({
      accountName: 'Ac/me:*?"<>|',
      reportId: '../../etc',
      boardIds: ['1 2'],
      format: 'csv',
      date,
    });
    expect(name).toBe('leankit-ac-me-etc-board1-2-20261127-1405.csv');
    expect(name).toMatch(/^[a-z0-9.-]+$/);
  });

  it('pads single-digit months, days, hours and minutes', () => {
    const name = exportFileName({
      accountName: 'acme',
      reportId: 'cards',
      boardIds: [],
      format: 'csv',
      date: new Date(2027, 0, 2, 3, 4),
    });
    expect(name).toBe('leankit-acme-cards-all-20270102-0304.csv');
  });
});
