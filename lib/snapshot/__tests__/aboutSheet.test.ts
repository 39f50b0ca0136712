import { describe, expect, it } from 'vitest';
import { aboutRows, REPORTING_LAG_NOTE, type SnapshotFacts } from '../aboutSheet';

const facts: SnapshotFacts = {
  accountName: 'acme',
  origin: 'https://acme.leankit.com',
  boards: [{ id: '101', title: 'Sprint board' }, { id: '102' }],
  startedAt: Date.UTC(2026, 10, 30, 7, 5, 9),
};
const counts = [
  { sheetName: 'Cards', fileName: 'cards.csv', description: 'Every card.', rows: 40 },
  { sheetName: 'Lanes', fileName: 'lanes.csv', description: 'Every lane.', rows: 0 },
];

describe('aboutRows', () => {
  it('says whose boards, which, when, the reporting lag, then each report’s sheet and rows', () => {
    expect(aboutRows(facts, counts, 'sheetName')).toEqual([
      ['Account', 'acme (https://acme.leankit.com)', ''],
      ['Boards', 'Sprint board (101); 102', ''],
      ['Exported at (UTC)', '2026-11-30T07:05:09.000Z', ''],
      ['Note', REPORTING_LAG_NOTE, ''],
      ['Cards', 'Every card.', '40'],
      ['Lanes', 'Every lane.', '0'],
    ]);
  });

  it('names each report’s file for the zip, and says "All boards" when none was chosen', () => {
    const rows = aboutRows({ ...facts, boards: [] }, counts, 'fileName');
    expect(rows[1]).toEqual(['Boards', 'All boards', '']);
    expect(rows.slice(4).map((row) => row[0])).toEqual(['cards.csv', 'lanes.csv']);
  });
});
