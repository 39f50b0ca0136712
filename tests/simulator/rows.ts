/**
 * Turns the account's data into the rows of a report. `cards`, `boards` and `lanes` are built from
 * the model; every other catalogue report gets plausible rows derived per card from its column ids
 * and types, so a report added to lib/reports.ts is served without touching the simulator.
 */
import type { Column, Report } from '../../lib/reports';
import { type Account, type Board, type Card, cardsOf, type Lane, type User } from './data';
import { hashString, mixSeed, Random } from './random';
import { CARD_TYPES, COMMENTS, FILLER_WORDS, TAGS, TITLE_OBJECTS } from './vocabulary';

/** A cell before serialisation; date and date-time cells hold epoch milliseconds (UTC). */
export type CellValue = string | number | boolean | null;
export type Row = Readonly<Record<string, CellValue>>;

const DAY = 86_400_000;

/** Every row of `report` for `boards`, in a stable order: board order, then card order. */
export function* reportRows(
  account: Account,
  report: Report,
  boards: readonly Board[],
): Generator<Row> {
  for (const board of boards) {
    if (report.id === 'boards') {
      yield { boardId: board.id, boardTitle: board.title };
    } else if (report.id === 'lanes') {
      yield* board.lanes.map((lane) => laneRow(board, lane));
    } else if (report.id === 'cards') {
      yield* cardsOf(account, board);
    } else {
      yield* derivedRows(account, report, board);
    }
  }
}

function laneRow(board: Board, lane: Lane): Row {
  return {
    laneId: lane.id,
    laneTitle: lane.title,
    fullLaneTitle: lane.fullTitle,
    boardId: board.id,
    boardTitle: board.title,
    lanePolicy: lane.policy || null,
    laneClass: lane.laneClass,
    laneOrientation: 'vertical',
    laneType: lane.laneType,
    creationDate: lane.creationDate,
    wipLimit: lane.wipLimit,
    laneWidth: lane.width,
    lanePosition: lane.position,
    parentLaneId: lane.parent?.id ?? null,
    isCompletedLane: lane.laneType === 'completed',
    isDefaultDropLane: lane.isDefaultDrop,
    isTopLevelLane: lane.parent === null,
    canHoldCards: lane.childCount === 0,
    hasChildLanes: lane.childCount > 0,
    childLaneCount: lane.childCount,
  };
}

/** Column ids that mean a card field under another name in some reports. */
const CARD_ALIASES: Readonly<Record<string, keyof Card>> = {
  boardId: 'currentBoardId',
  boardTitle: 'currentBoardTitle',
  cardTypeTitle: 'cardType',
  laneId: 'currentLaneId',
  laneTitle: 'currentLaneTitle',
  containingCardId: 'cardId',
  containingCardTitle: 'cardTitle',
};

/** Columns whose values come from a small list rather than from their type alone. */
const POOLS: Readonly<Record<string, readonly string[]>> = {
  tag: TAGS,
  commentText: COMMENTS,
  label: ['Team', 'Budget code', 'Due quarter'],
  type: ['text', 'number', 'date', 'choice'],
  taskType: CARD_TYPES,
  taskTitle: TITLE_OBJECTS.map((object) => `Check ${object}`),
};

/** `assignedByUserFullName` → role `assignedBy`, field `FullName`. */
const USER_COLUMN = /^(\w*?)User(Id|FullName|EmailAddress)$/;

function* derivedRows(account: Account, report: Report, board: Board): Generator<Row> {
  const reportSeed = hashString(report.id);
  for (const card of cardsOf(account, board)) {
    const random = new Random(mixSeed(account.seed, reportSeed, Number(card.cardId)));
    // A connection needs a parent; other reports have zero to two rows per card.
    const count =
      report.id === 'connections' ? Number(card.parentCardId !== null) : random.int(0, 2);
    for (let i = 0; i < count; i++) {
      const users = new Map<string, User>();
      const row: Record<string, CellValue> = {};
      for (const column of report.columns) {
        row[column.id] = derivedValue(column, card, account, random, users);
      }
      yield row;
    }
  }
}

function derivedValue(
  column: Column,
  card: Card,
  account: Account,
  random: Random,
  users: Map<string, User>,
): CellValue {
  const cardField = Object.hasOwn(card, column.id)
    ? (column.id as keyof Card)
    : CARD_ALIASES[column.id];
  if (cardField !== undefined) return card[cardField];

  const userColumn = USER_COLUMN.exec(column.id);
  if (userColumn) {
    const role = userColumn[1] ?? '';
    const user = users.get(role) ?? random.pick(account.users);
    users.set(role, user);
    if (userColumn[2] === 'Id') return user.id;
    return userColumn[2] === 'FullName' ? user.name : user.email;
  }

  const pool = POOLS[column.id];
  if (pool) return random.pick(pool);

  switch (column.type) {
    case 'int':
      return random.int(0, 40);
    case 'bool':
      return random.chance(0.2);
    case 'date':
    case 'datetime': {
      // Period ends are open while the period lasts.
      if (/(End|Exit|From)Date$/.test(column.id) && random.chance(0.3)) return null;
      const time = card.creationDate + random.int(0, 60 * DAY);
      return column.type === 'date' ? time - (time % DAY) : time;
    }
    case 'string':
      return derivedString(column.id, random);
  }
}

/** A string cell guessed from its column id's ending (`…Id`, `…Url`, `…LaneTitle`). */
function derivedString(columnId: string, random: Random): string {
  if (columnId.endsWith('Id')) return String(random.int(1_000_000_000, 9_999_999_999));
  if (columnId.endsWith('Url')) return `https://tracker.example.com/browse/${random.int(1, 9999)}`;
  if (columnId.endsWith('LaneTitle')) return random.pick(['To Do', 'Doing', 'Done']);
  if (columnId.endsWith('LaneType')) return random.pick(['ready', 'inProcess', 'completed']);
  return random.pick(FILLER_WORDS);
}
