import { describe, expect, it } from 'vitest';
import { parseCardPositions } from '../boardHistory';

const row = (cardId: string, laneId: string) => ({
  cardId,
  laneId,
  laneEntryDate: '2026-03-01 10:00:00',
  laneExitDate: '',
});

describe('the card positions reader', () => {
  it('reads each row’s own ids, whatever ids the rows before had', () => {
    // `ab1cd` and `xy1zd` end alike and have the same middle character and length: the reader
    // keeps lanes met by those, so each must still read as itself after the other.
    const rows = [
      row('1', 'ab1cd'),
      row('1', 'xy1zd'),
      row('2', 'ab1cd'),
      row('1', 'ab1cd'),
      row('10', 'xy1zd'),
      row('1', 'xy1zd'),
      row('1', ' ab1cd '),
    ];
    expect(
      parseCardPositions(rows).records.map((position) => `${position.cardId} ${position.laneId}`),
    ).toEqual(['1 ab1cd', '1 xy1zd', '2 ab1cd', '1 ab1cd', '10 xy1zd', '1 xy1zd', '1 ab1cd']);
  });
});
