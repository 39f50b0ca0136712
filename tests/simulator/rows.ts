/**
 * Turns the account's data into the rows of each report (reporting-api.md §5). Rows come in a
 * stable order (board order, then card order, then the card's own order) and are generated one card
 * at a time, so paging is consistent and memory stays flat at any size.
 */
import type { Report } from '../../lib/reports';
import {
  type Assignment,
  assignmentsOf,
  blockedPeriodsOf,
  commentsOf,
  connectionOf,
  customFieldValuesOf,
  durations,
  type Task,
  tagsOf,
  tasksOf,
} from './cardDetails';
import {
  type Account,
  type Board,
  type CardRecord,
  cardAt,
  cardRecordsOf,
  type Lane,
  startOfDay,
} from './data';

/** A cell before serialisation; date and date-time cells hold epoch milliseconds (UTC). */
export type CellValue = string | number | boolean | null;
export type Row = Readonly<Record<string, CellValue>>;

/** Rows of card-based reports, from one card at a time. */
type CardRows = (account: Account, record: CardRecord) => Iterable<Row>;

const CARD_REPORTS: Readonly<Record<string, CardRows>> = {
  cardpositions: (_, { card, stays }) =>
    stays.map((stay) => ({
      cardId: card.cardId,
      externalCardId: card.externalCardId,
      cardTitle: card.cardTitle,
      laneEntryDate: stay.entry,
      laneExitDate: stay.exit,
      laneId: stay.lane.id,
      laneTitle: stay.lane.title,
      boardId: card.currentBoardId,
      boardTitle: card.currentBoardTitle,
    })),
  tags: (account, record) =>
    tagsOf(account, record).map((tag) => ({
      boardId: record.card.currentBoardId,
      cardId: record.card.cardId,
      tag,
    })),
  'userassignments-current': (account, record) =>
    assignmentsOf(account, record)
      .filter((period) => period.end === null)
      .map((period) => currentAssignmentRow(cardSubject(record), period)),
  'userassignments-history': (account, record) =>
    assignmentsOf(account, record).map((period) =>
      assignmentHistoryRow(cardSubject(record), period),
    ),
  'usertaskassignments-current': (account, record) =>
    tasksOf(account, record).flatMap((task) =>
      task.assignments
        .filter((period) => period.end === null)
        .map((period) => currentAssignmentRow(taskSubject(record.board, task), period)),
    ),
  'usertaskassignments-history': (account, record) =>
    tasksOf(account, record).flatMap((task) =>
      task.assignments.map((period) =>
        assignmentHistoryRow(taskSubject(record.board, task), period),
      ),
    ),
  'cards-blockedhistory': (account, record) =>
    blockedPeriodsOf(account, record).map((period) => {
      const duration = durations(period.start, period.end);
      const subject = cardSubject(record);
      return {
        cardId: subject.cardId,
        cardTitle: subject.cardTitle,
        cardSize: subject.cardSize,
        priority: subject.priority,
        cardTypeId: subject.cardTypeId,
        cardTypeTitle: subject.cardTypeTitle,
        currentBoardId: subject.currentBoardId,
        currentBoardTitle: subject.currentBoardTitle,
        blockedStartDate: startOfDay(period.start),
        blockedEndDate: period.end === null ? null : startOfDay(period.end),
        blockedByUserId: period.by.id,
        blockedByUserFullName: period.by.name,
        blockedByUserEmailAddress: period.by.email,
        unblockedByUserId: period.unblockedBy?.id ?? null,
        unblockedByUserFullName: period.unblockedBy?.name ?? null,
        unblockedByUserEmailAddress: period.unblockedBy?.email ?? null,
        totalDurationDays: duration.days,
        totalDurationHours: duration.hours,
        totalDurationMinusWeekendsDays: duration.weekdays,
      };
    }),
  comments: (account, record) =>
    commentsOf(account, record).map((comment) => ({
      cardId: record.card.cardId,
      commentText: comment.text,
      commentDate: comment.date,
      commentPostedByUserId: comment.by.id,
    })),
  connections: (account, record) => {
    const connection = connectionOf(account, record);
    return connection
      ? [
          {
            cardId: record.card.cardId,
            parentCardId: record.card.parentCardId,
            connectionCreatedDate: connection.created,
            connectionCreatedByUserId: connection.by.id,
          },
        ]
      : [];
  },
  customfields: (account, record) =>
    customFieldValuesOf(account, record).map(({ field, value }) => ({
      cardId: record.card.cardId,
      currentBoardId: record.card.currentBoardId,
      externalCardId: record.card.externalCardId,
      customFieldId: field.id,
      label: field.label,
      type: field.type,
      customFieldValue: value,
    })),
  tasks: (account, record) => tasksOf(account, record).map((task) => taskRow(record, task)),
};

/**
 * The rows of `report` for `boards` in their stable order, starting `offset` rows in. Cards, lanes
 * and boards skip straight to the offset; other reports generate the skipped cards to count rows.
 * `touched` cards (card id → time) show that time as their `lastActivityDate`.
 */
export function* reportRows(
  account: Account,
  report: Report,
  boards: readonly Board[],
  offset: number,
  touched?: ReadonlyMap<string, number>,
): Generator<Row> {
  let skip = offset;
  for (const board of boards) {
    const count = directCount(report, board);
    if (count !== undefined && skip >= count) {
      skip -= count;
      continue;
    }
    const rows = boardRows(account, report, board, count === undefined ? 0 : skip, touched);
    if (count !== undefined) skip = 0;
    for (const row of rows) {
      if (skip > 0) skip--;
      else yield row;
    }
  }
}

/** How many rows a board has in reports whose row count is known without generating them. */
function directCount(report: Report, board: Board): number | undefined {
  if (report.id === 'boards') return 1;
  if (report.id === 'lanes') return board.lanes.length;
  if (report.id === 'cards') return board.cardCount;
  return undefined;
}

function* boardRows(
  account: Account,
  report: Report,
  board: Board,
  from: number,
  touched: ReadonlyMap<string, number> | undefined,
): Generator<Row> {
  if (report.id === 'boards') {
    yield { boardId: board.id, boardTitle: board.title };
  } else if (report.id === 'lanes') {
    yield* board.lanes.slice(from).map((lane) => laneRow(board, lane));
  } else if (report.id === 'cards') {
    for (let index = from; index < board.cardCount; index++) {
      const card = cardAt(account, board, index);
      const touchedAt = touched?.get(card.cardId);
      yield touchedAt === undefined ? card : { ...card, lastActivityDate: touchedAt };
    }
  } else {
    const rowsOf = CARD_REPORTS[report.id];
    if (!rowsOf) throw new Error(`The simulator has no rows for report ${report.id}`);
    for (const record of cardRecordsOf(account, board)) yield* rowsOf(account, record);
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

/** The card columns shared by assignment and blocked-history rows. */
interface Subject {
  cardId: string;
  cardTitle: string;
  cardSize: number;
  priority: string;
  cardTypeId: string;
  cardTypeTitle: string;
  currentBoardId: string;
  currentBoardTitle: string;
}

function cardSubject({ card }: CardRecord): Subject {
  return {
    cardId: card.cardId,
    cardTitle: card.cardTitle,
    cardSize: card.cardSize,
    priority: card.priority,
    cardTypeId: card.cardTypeId,
    cardTypeTitle: card.cardType,
    currentBoardId: card.currentBoardId,
    currentBoardTitle: card.currentBoardTitle,
  };
}

/** In task assignment reports the "card" is the task card. */
function taskSubject(board: Board, task: Task): Subject {
  return {
    cardId: task.id,
    cardTitle: task.title,
    cardSize: task.size,
    priority: task.priority,
    cardTypeId: task.type.id,
    cardTypeTitle: task.type.title,
    currentBoardId: board.id,
    currentBoardTitle: board.title,
  };
}

// Rows are object literals with fixed keys (no spreads): this is the hot path of big exports.

function currentAssignmentRow(subject: Subject, period: Assignment): Row {
  return {
    cardId: subject.cardId,
    assignedUserId: period.user.id,
    assignedUserFullName: period.user.name,
    assignedUserEmailAddress: period.user.email,
    assignedByUserId: period.by.id,
    assignedByUserFullName: period.by.name,
    assignedByUserEmailAddress: period.by.email,
    assignedToDate: startOfDay(period.start),
    cardTitle: subject.cardTitle,
    cardSize: subject.cardSize,
    priority: subject.priority,
    cardTypeId: subject.cardTypeId,
    cardTypeTitle: subject.cardTypeTitle,
    currentBoardId: subject.currentBoardId,
    currentBoardTitle: subject.currentBoardTitle,
  };
}

function assignmentHistoryRow(subject: Subject, period: Assignment): Row {
  const duration = durations(period.start, period.end);
  return {
    cardId: subject.cardId,
    assignedUserId: period.user.id,
    assignedUserFullName: period.user.name,
    assignedUserEmailAddress: period.user.email,
    assignedByUserId: period.by.id,
    assignedByUserFullName: period.by.name,
    assignedByUserEmailAddress: period.by.email,
    unassignedByUserId: period.unassignedBy?.id ?? null,
    unassignedByUserFullName: period.unassignedBy?.name ?? null,
    unassignedByUserEmailAddress: period.unassignedBy?.email ?? null,
    assignedToDate: startOfDay(period.start),
    assignedFromDate: period.end === null ? null : startOfDay(period.end),
    cardTitle: subject.cardTitle,
    cardSize: subject.cardSize,
    priority: subject.priority,
    cardTypeId: subject.cardTypeId,
    cardTypeTitle: subject.cardTypeTitle,
    currentBoardId: subject.currentBoardId,
    currentBoardTitle: subject.currentBoardTitle,
    totalDurationDays: duration.days,
    totalDurationHours: duration.hours,
    totalDurationMinusWeekendsDays: duration.weekdays,
  };
}

function taskRow({ card }: CardRecord, task: Task): Row {
  return {
    taskId: task.id,
    containingCardId: card.cardId,
    externalCardId: null,
    taskTitle: task.title,
    containingCardTitle: card.cardTitle,
    taskType: task.type.title,
    taskSize: task.size,
    priority: task.priority,
    customIcon: null,
    isTaskBlocked: task.blockedReason !== null,
    currentBlockedReason: task.blockedReason,
    taskExternalLinkName: task.externalLink ? `Spec for ${task.title}` : null,
    taskExternalLinkUrl: task.externalLink ? `https://docs.example.com/tasks/${task.id}` : null,
    creationDate: task.creationDate,
    plannedStartDate: null,
    actualStartDate: task.startDate,
    plannedFinishDate: null,
    actualFinishDate: task.finishDate,
    attachmentsCount: 0,
    lastAttachmentDate: null,
    commentsCount: 0,
    lastCommentDate: null,
    lastActivityDate: task.finishDate ?? task.startDate ?? task.creationDate,
    archivedDate: card.archivedDate,
    lastMovedDate: task.finishDate ?? task.startDate ?? task.creationDate,
    currentTaskboardLaneId: task.lane.id,
    currentTaskboardLaneTitle: task.lane.title,
    currentTaskboardLaneType: task.lane.laneType,
  };
}
