import type { Parsed } from './boardHistory';
import type { BoardReports, FlowReport } from './boardReports';
import type { FlowRecords } from './reportRows';

/** Each of a board's four flow reports, parsed. */
export type ParsedReports = { readonly [R in FlowReport]: Parsed<FlowRecords[R]> };

/** A board's reports as the Flow charts page gets them: the four reports' records, and the rows each skipped. */
export function boardReportsFrom(
  boardId: string,
  parsed: ParsedReports,
  fetchedAt: number,
): BoardReports {
  return {
    boardId,
    lanes: parsed.lanes.records,
    positions: parsed.cardpositions.records,
    cards: parsed.cards.records,
    blocked: parsed['cards/blockedhistory'].records,
    skipped: {
      lanes: parsed.lanes.skipped,
      cardpositions: parsed.cardpositions.skipped,
      cards: parsed.cards.skipped,
      'cards/blockedhistory': parsed['cards/blockedhistory'].skipped,
    },
    fetchedAt,
  };
}
