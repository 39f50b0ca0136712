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

/**
 * How one report's records are read: the columns it reads, and a record from those cells of a row
 * (`cell(i)` is the trimmed text of `columns[i]`, empty when null or absent), or null when the row
 * is unusable. Rows can be objects (a JSON export, a test) or a CSV scanned in place
 * (lib/flow/reportRows.ts), which copies out only these cells and makes no object per row.
 */
export interface RecordReader<T> {
  readonly columns: readonly string[];
  read(cell: (index: number) => string): T | null;
}

/** A date cell's time: NaN when malformed, null when empty. */
function date(cell: string): number | null {
  return cell === '' ? null : parseLeanKitDate(cell);
}

/** `true`, `True` and `1` (and JSON's true) are true; the CSV spelling is unknown (§4.4). */
function flag(cell: string): boolean {
  const lower = cell.toLowerCase();
  return lower === 'true' || lower === '1';
}

/** An int cell, or `fallback` when empty or not a whole number. */
function whole(cell: string, fallback: number): number {
  return /^-?\d+$/.test(cell) ? Number(cell) : fallback;
}

/** Records of row objects, by a report's reader. */
export function parseRows<T>(rows: Iterable<ReportRow>, reader: RecordReader<T>): Parsed<T> {
  const { columns } = reader;
  let row: ReportRow = {};
  const cell = (index: number): string => {
    const value = row[columns[index] as string];
    return value === null || value === undefined ? '' : String(value).trim();
  };
  const records: T[] = [];
  let skipped = 0;
  for (row of rows) {
    const record = reader.read(cell);
    if (record === null) skipped++;
    else records.push(record);
  }
  return { records, skipped };
}

/** Lanes; a row without a lane id is skipped. A lane without a position sorts last. */
export const LANE_READER: RecordReader<Lane> = {
  columns: [
    'laneId',
    'laneTitle',
    'parentLaneId',
    'lanePosition',
    'laneClass',
    'laneType',
    'isCompletedLane',
  ],
  read(cell) {
    const id = cell(0);
    if (id === '') return null;
    const laneType = cell(5);
    return {
      id,
      title: cell(1),
      parentId: cell(2) || null,
      position: whole(cell(3), Number.MAX_SAFE_INTEGER),
      laneClass: cell(4).toLowerCase(),
      laneType,
      isCompleted: flag(cell(6)) || laneType.toLowerCase() === 'completed',
    };
  },
};

/**
 * Card positions; skipped: no card or lane id, an entry date missing or malformed, an exit date
 * malformed or before the entry.
 */
export const CARD_POSITION_READER: RecordReader<CardPosition> = {
  columns: ['cardId', 'laneId', 'laneEntryDate', 'laneExitDate'],
  read(cell) {
    const cardId = sharedCardId(cell(0));
    const laneId = sharedLaneId(cell(1));
    const entered = date(cell(2));
    const exited = date(cell(3));
    if (cardId === '' || laneId === '' || entered === null || Number.isNaN(entered)) return null;
    if (exited !== null && !(exited >= entered)) return null;
    return { cardId, laneId, entered, exited };
  },
};

/**
 * The string of an id met just before, when `id` equals it: the card of the row before, a lane
 * met before (kept by its id's last and middle characters). A board's 100k positions then share
 * their ids rather than each holding copies, and the metrics' maps find a shared id by the hash
 * it already has instead of hashing a new string each time.
 */
function sharedCardId(id: string): string {
  if (id === lastCardId) return lastCardId;
  lastCardId = id;
  return id;
}

function sharedLaneId(id: string): string {
  const length = id.length;
  if (length === 0) return id;
  const slot =
    (id.charCodeAt(length - 1) * 31 + id.charCodeAt(length >> 1) + length) & (LANE_SLOTS - 1);
  const known = laneIds[slot] as string;
  if (known === id) return known;
  laneIds[slot] = id;
  return id;
}

let lastCardId = '';
const LANE_SLOTS = 256;
const laneIds: string[] = new Array(LANE_SLOTS).fill('');

/** A malformed optional date reads as empty. */
function optionalDate(cell: string): number | null {
  const time = date(cell);
  return time === null || Number.isNaN(time) ? null : time;
}

/** Cards; skipped: no card id. A malformed optional date reads as empty. */
export const CARD_READER: RecordReader<Card> = {
  columns: [
    'cardId',
    'cardTitle',
    'cardTypeId',
    'cardType',
    'cardSize',
    'priority',
    'actualStartDate',
    'actualFinishDate',
    'archivedDate',
    'currentLaneId',
  ],
  read(cell) {
    const id = cell(0);
    if (id === '') return null;
    return {
      id,
      title: cell(1),
      typeId: cell(2),
      type: cell(3),
      size: whole(cell(4), 0),
      priority: cell(5),
      actualStart: optionalDate(cell(6)),
      actualFinish: optionalDate(cell(7)),
      archived: optionalDate(cell(8)),
      currentLaneId: cell(9),
    };
  },
};

/**
 * Blocked spans; skipped: no card id, a start missing or malformed, an end malformed or before
 * the start. The columns are dates: a time of day, if one comes, is dropped, never shifted into
 * another zone.
 */
export const BLOCKED_SPAN_READER: RecordReader<BlockedSpan> = {
  columns: ['cardId', 'blockedStartDate', 'blockedEndDate'],
  read(cell) {
    const cardId = cell(0);
    const start = date(cell(1));
    const end = date(cell(2));
    if (cardId === '' || start === null || Number.isNaN(start)) return null;
    if (end !== null && !(end >= start)) return null;
    return {
      cardId,
      startDay: Math.floor(start / DAY_MS),
      endDay: end === null ? null : Math.floor(end / DAY_MS),
    };
  },
};

export const parseLanes = (rows: Iterable<ReportRow>): Parsed<Lane> => parseRows(rows, LANE_READER);
export const parseCardPositions = (rows: Iterable<ReportRow>): Parsed<CardPosition> =>
  parseRows(rows, CARD_POSITION_READER);
export const parseCards = (rows: Iterable<ReportRow>): Parsed<Card> => parseRows(rows, CARD_READER);
export const parseBlockedSpans = (rows: Iterable<ReportRow>): Parsed<BlockedSpan> =>
  parseRows(rows, BLOCKED_SPAN_READER);
