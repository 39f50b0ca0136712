import { DAY_MS, parseLeanKitDate } from './calendarDays';

/**
 * Typed records of a board's history from the rows of four reports (`lanes`, `cardpositions`,
 * `cards`, `cards/blockedhistory`), keyed by the catalogue's column ids (lib/reports.ts): what a
 * parsed CSV gives (every cell text) or a JSON export gives (numbers, booleans, nulls). Dates are
 * UTC as LeanKit serves them. A row missing what a metric needs is skipped and counted, never
 * thrown: one odd row must not cost the user every chart.
 */

/** A report row: cells by column id, as CSV text or JSON values. */
export type ReportRow = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Records read from rows, and how many rows were skipped as unusable. */
export interface Parsed<T> {
  readonly records: T[];
  readonly skipped: number;
}

export interface Lane {
  readonly id: string;
  readonly title: string;
  readonly parentId: string | null;
  /** Place among its sibling lanes, left to right (`lanePosition`). */
  readonly position: number;
  /** `backlog`, `active` or `archive`, as LeanKit classes lanes (lower-cased). */
  readonly laneClass: string;
  /** `ready`, `inProcess`, `completed` or `untyped` (`laneType`). */
  readonly laneType: string;
  /** A lane where work is done: `isCompletedLane`, or a lane of type `completed`. */
  readonly isCompleted: boolean;
}

/** One stay of a card in a lane; `exited` is null for the lane the card is in now. */
export interface CardPosition {
  readonly cardId: string;
  readonly laneId: string;
  /** Epoch milliseconds. */
  readonly entered: number;
  readonly exited: number | null;
}

export interface Card {
  readonly id: string;
  readonly title: string;
  readonly typeId: string;
  readonly type: string;
  /** `cardSize`; 0 when empty. */
  readonly size: number;
  readonly priority: string;
  /** Epoch milliseconds, or null: LeanKit's own dates, for comparison with ours. */
  readonly actualStart: number | null;
  readonly actualFinish: number | null;
  readonly archived: number | null;
  readonly currentLaneId: string;
}

/** One blocked period of a card, in calendar days as the report gives them (date columns). */
export interface BlockedSpan {
  readonly cardId: string;
  readonly startDay: number;
  /** The day it was unblocked, or null while it is still blocked. */
  readonly endDay: number | null;
}

/** The cell as text; empty for null and absent cells. */
function text(row: ReportRow, column: string): string {
  const value = row[column];
  return value === null || value === undefined ? '' : String(value).trim();
}

/** A date cell: NaN when malformed, null when empty. */
function date(row: ReportRow, column: string): number | null {
  const cell = text(row, column);
  return cell === '' ? null : parseLeanKitDate(cell);
}

/** `true`, `True` and `1` (and JSON's true) are true; the CSV spelling is unknown (§4.4). */
function flag(row: ReportRow, column: string): boolean {
  const cell = text(row, column).toLowerCase();
  return cell === 'true' || cell === '1';
}

/** An int cell, or `fallback` when empty or not a whole number. */
function whole(row: ReportRow, column: string, fallback: number): number {
  const cell = text(row, column);
  return /^-?\d+$/.test(cell) ? Number(cell) : fallback;
}

function parseRows<T>(rows: Iterable<ReportRow>, read: (row: ReportRow) => T | null): Parsed<T> {
  const records: T[] = [];
  let skipped = 0;
  for (const row of rows) {
    const record = read(row);
    if (record === null) skipped++;
    else records.push(record);
  }
  return { records, skipped };
}

/** Lanes; a row without a lane id is skipped. A lane without a position sorts last. */
export function parseLanes(rows: Iterable<ReportRow>): Parsed<Lane> {
  return parseRows(rows, (row) => {
    const id = text(row, 'laneId');
    if (id === '') return null;
    const laneType = text(row, 'laneType');
    return {
      id,
      title: text(row, 'laneTitle'),
      parentId: text(row, 'parentLaneId') || null,
      position: whole(row, 'lanePosition', Number.MAX_SAFE_INTEGER),
      laneClass: text(row, 'laneClass').toLowerCase(),
      laneType,
      isCompleted: flag(row, 'isCompletedLane') || laneType.toLowerCase() === 'completed',
    };
  });
}

/**
 * Card positions; skipped: no card or lane id, an entry date missing or malformed, an exit date
 * malformed or before the entry.
 */
export function parseCardPositions(rows: Iterable<ReportRow>): Parsed<CardPosition> {
  return parseRows(rows, (row) => {
    const cardId = text(row, 'cardId');
    const laneId = text(row, 'laneId');
    const entered = date(row, 'laneEntryDate');
    const exited = date(row, 'laneExitDate');
    if (cardId === '' || laneId === '' || entered === null || Number.isNaN(entered)) return null;
    if (exited !== null && !(exited >= entered)) return null;
    return { cardId, laneId, entered, exited };
  });
}

/** Cards; skipped: no card id. A malformed optional date reads as empty. */
export function parseCards(rows: Iterable<ReportRow>): Parsed<Card> {
  const optionalDate = (row: ReportRow, column: string): number | null => {
    const time = date(row, column);
    return time === null || Number.isNaN(time) ? null : time;
  };
  return parseRows(rows, (row) => {
    const id = text(row, 'cardId');
    if (id === '') return null;
    return {
      id,
      title: text(row, 'cardTitle'),
      typeId: text(row, 'cardTypeId'),
      type: text(row, 'cardType'),
      size: whole(row, 'cardSize', 0),
      priority: text(row, 'priority'),
      actualStart: optionalDate(row, 'actualStartDate'),
      actualFinish: optionalDate(row, 'actualFinishDate'),
      archived: optionalDate(row, 'archivedDate'),
      currentLaneId: text(row, 'currentLaneId'),
    };
  });
}

/**
 * Blocked spans; skipped: no card id, a start missing or malformed, an end malformed or before
 * the start. The columns are dates: a time of day, if one comes, is dropped, never shifted into
 * another zone.
 */
export function parseBlockedSpans(rows: Iterable<ReportRow>): Parsed<BlockedSpan> {
  return parseRows(rows, (row) => {
    const cardId = text(row, 'cardId');
    const start = date(row, 'blockedStartDate');
    const end = date(row, 'blockedEndDate');
    if (cardId === '' || start === null || Number.isNaN(start)) return null;
    if (end !== null && !(end >= start)) return null;
    return {
      cardId,
      startDay: Math.floor(start / DAY_MS),
      endDay: end === null ? null : Math.floor(end / DAY_MS),
    };
  });
}
