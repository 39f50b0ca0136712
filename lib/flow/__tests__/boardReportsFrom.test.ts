import { describe, expect, it } from 'vitest';
import { parseBlockedSpans, parseCardPositions, parseCards, parseLanes } from '../boardHistory';
import { boardReportsFrom } from '../boardReportsFrom';
import { blockedRows, cardRows, laneRows, positionRows } from './handWorkedBoard';

describe('boardReportsFrom', () => {
  it("gives each report's records, and counts the rows each skipped", () => {
    const lanes = parseLanes(laneRows);
    const positions = parseCardPositions(positionRows);
    const cards = parseCards(cardRows);
    const blocked = parseBlockedSpans(blockedRows);
    const reports = boardReportsFrom(
      '42',
      { lanes, cardpositions: positions, cards, 'cards/blockedhistory': blocked },
      1_773_100_800_000,
    );
    expect(reports).toEqual({
      boardId: '42',
      lanes: lanes.records,
      positions: positions.records,
      cards: cards.records,
      blocked: blocked.records,
      // The hand-worked board's rows to skip (handWorkedBoard.ts).
      skipped: { lanes: 1, cardpositions: 3, cards: 1, 'cards/blockedhistory': 1 },
      fetchedAt: 1_773_100_800_000,
    });
    // Every row not skipped is a record.
    expect(
      [reports.lanes, reports.positions, reports.cards, reports.blocked].map((r) => r.length),
    ).toEqual([
      laneRows.length - 1,
      positionRows.length - 3,
      cardRows.length - 1,
      blockedRows.length - 1,
    ]);
  });
});
