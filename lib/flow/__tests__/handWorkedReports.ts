import { parseBlockedSpans, parseCardPositions, parseCards, parseLanes } from '../boardHistory';
import type { BoardReports } from '../boardReports';
import { boardReportsFrom } from '../boardReportsFrom';
import { DAY_MS, parseLeanKitDate } from '../calendarDays';
import { blockedRows, cardRows, laneRows, positionRows, TODAY } from './handWorkedBoard';

/** The hand-worked board (handWorkedBoard.ts) as the Flow charts page gets it from its loader. */
export function handWorkedReports(boardId = '42'): BoardReports {
  return boardReportsFrom(
    boardId,
    {
      lanes: parseLanes(laneRows),
      cardpositions: parseCardPositions(positionRows),
      cards: parseCards(cardRows),
      'cards/blockedhistory': parseBlockedSpans(blockedRows),
    },
    parseLeanKitDate(TODAY),
  );
}

/** The board's "today", 2026-03-10, as a day number and at noon UTC. */
export const HAND_WORKED_TODAY = parseLeanKitDate(TODAY) / DAY_MS;
export const HAND_WORKED_NOW = parseLeanKitDate(TODAY) + DAY_MS / 2;
