/**
 * The report catalogue: every Advanced Reporting export we know of, with its API path and columns
 * in the order the API serves them (docs/reporting-api.md §5). The single source of
 * truth for the UI lists, the API client and the simulator.
 */

/** A column's value type, as LeanKit's own Tableau connector declares it. */
export type ColumnType = 'string' | 'int' | 'bool' | 'date' | 'datetime';

export interface Column {
  /** The exact column id (JSON key, CSV header). */
  readonly id: string;
  readonly type: ColumnType;
}

export interface Report {
  /** Stable id, also used in file names: `cards`, `userassignments-current`. */
  readonly id: string;
  /** Path under `/io/reporting/export/`, e.g. `cards/blockedhistory`. */
  readonly path: string;
  /** Short name for lists and buttons. */
  readonly label: string;
  /** One line saying what a row is. */
  readonly description: string;
  /** Whether the `boardId` filter narrows this report. */
  readonly boardScoped: boolean;
  readonly columns: readonly Column[];
}

type ColumnSpec = string | readonly [string, ColumnType];

/**
 * Columns are strings unless marked otherwise, as in the reference's tables. Free of side effects,
 * so a bundle that only needs `isFormat` (the board button's, through lib/messaging.ts) leaves
 * every report's columns out.
 */
/* @__NO_SIDE_EFFECTS__ */
function columns(...specs: ColumnSpec[]): Column[] {
  return specs.map((spec) =>
    typeof spec === 'string' ? { id: spec, type: 'string' } : { id: spec[0], type: spec[1] },
  );
}

/** The dates and counts that cards and task cards share, in the order both reports serve them. */
const CARD_DATE_COLUMNS: readonly ColumnSpec[] = [
  ['creationDate', 'datetime'],
  ['plannedStartDate', 'date'],
  ['actualStartDate', 'datetime'],
  ['plannedFinishDate', 'date'],
  ['actualFinishDate', 'datetime'],
  ['attachmentsCount', 'int'],
  ['lastAttachmentDate', 'datetime'],
  ['commentsCount', 'int'],
  ['lastCommentDate', 'datetime'],
  ['lastActivityDate', 'datetime'],
  ['archivedDate', 'datetime'],
  ['lastMovedDate', 'datetime'],
];

const currentAssignmentColumns = columns(
  'cardId',
  'assignedUserId',
  'assignedUserFullName',
  'assignedUserEmailAddress',
  'assignedByUserId',
  'assignedByUserFullName',
  'assignedByUserEmailAddress',
  ['assignedToDate', 'date'],
  'cardTitle',
  ['cardSize', 'int'],
  'priority',
  'cardTypeId',
  'cardTypeTitle',
  'currentBoardId',
  'currentBoardTitle',
);

const assignmentHistoryColumns = columns(
  'cardId',
  'assignedUserId',
  'assignedUserFullName',
  'assignedUserEmailAddress',
  'assignedByUserId',
  'assignedByUserFullName',
  'assignedByUserEmailAddress',
  'unassignedByUserId',
  'unassignedByUserFullName',
  'unassignedByUserEmailAddress',
  ['assignedToDate', 'date'],
  ['assignedFromDate', 'date'],
  'cardTitle',
  ['cardSize', 'int'],
  'priority',
  'cardTypeId',
  'cardTypeTitle',
  'currentBoardId',
  'currentBoardTitle',
  ['totalDurationDays', 'int'],
  ['totalDurationHours', 'int'],
  ['totalDurationMinusWeekendsDays', 'int'],
);

export const REPORTS: readonly Report[] = [
  {
    id: 'cards',
    path: 'cards',
    label: 'Cards',
    description: 'Every card with its current lane, dates and status.',
    boardScoped: true,
    columns: columns(
      'cardId',
      'parentCardId',
      'externalCardId',
      'cardTitle',
      'parentCardTitle',
      'cardTypeId',
      'cardType',
      ['cardSize', 'int'],
      'priority',
      'customIconId',
      'customIcon',
      ['isCardBlocked', 'bool'],
      'currentBlockedReason',
      'cardExternalLinkName',
      'cardExternalLinkUrl',
      ...CARD_DATE_COLUMNS,
      'currentLaneId',
      'currentLaneTitle',
      'parentLaneId',
      'parentLaneTitle',
      'currentLaneClass',
      'currentLaneType',
      'currentBoardId',
      'currentBoardTitle',
    ),
  },
  {
    id: 'cardpositions',
    path: 'cardpositions',
    label: 'Card positions',
    description: 'Lane history: each stay of a card in a lane, with entry and exit dates.',
    boardScoped: true,
    columns: columns(
      'cardId',
      'externalCardId',
      'cardTitle',
      ['laneEntryDate', 'datetime'],
      ['laneExitDate', 'datetime'],
      'laneId',
      'laneTitle',
      'boardId',
      'boardTitle',
    ),
  },
  {
    id: 'lanes',
    path: 'lanes',
    label: 'Lanes',
    description: 'Every lane of each board, with WIP limits and layout.',
    boardScoped: true,
    columns: columns(
      'laneId',
      'laneTitle',
      'fullLaneTitle',
      'boardId',
      'boardTitle',
      'lanePolicy',
      'laneClass',
      'laneOrientation',
      'laneType',
      ['creationDate', 'datetime'],
      ['wipLimit', 'int'],
      ['laneWidth', 'int'],
      ['lanePosition', 'int'],
      'parentLaneId',
      ['isCompletedLane', 'bool'],
      ['isDefaultDropLane', 'bool'],
      ['isTopLevelLane', 'bool'],
      ['canHoldCards', 'bool'],
      ['hasChildLanes', 'bool'],
      ['childLaneCount', 'int'],
    ),
  },
  {
    id: 'tags',
    path: 'tags',
    label: 'Tags',
    description: 'One row per tag on a card.',
    boardScoped: true,
    columns: columns('boardId', 'cardId', 'tag'),
  },
  {
    id: 'userassignments-current',
    path: 'userassignments/current',
    label: 'Current assignments',
    description: 'Who is assigned to each card now.',
    boardScoped: true,
    columns: currentAssignmentColumns,
  },
  {
    id: 'userassignments-history',
    path: 'userassignments/history',
    label: 'Assignment history',
    description: 'Every assignment period of a user on a card, with durations.',
    boardScoped: true,
    columns: assignmentHistoryColumns,
  },
  {
    id: 'usertaskassignments-current',
    path: 'usertaskassignments/current',
    label: 'Current task assignments',
    description: 'Who is assigned to each task card now.',
    boardScoped: true,
    columns: currentAssignmentColumns,
  },
  {
    id: 'usertaskassignments-history',
    path: 'usertaskassignments/history',
    label: 'Task assignment history',
    description: 'Every assignment period of a user on a task card, with durations.',
    boardScoped: true,
    columns: assignmentHistoryColumns,
  },
  {
    id: 'cards-blockedhistory',
    path: 'cards/blockedhistory',
    label: 'Blocked history',
    description: 'Each period a card was blocked, by whom and for how long.',
    boardScoped: true,
    columns: columns(
      'cardId',
      'cardTitle',
      ['cardSize', 'int'],
      'priority',
      'cardTypeId',
      'cardTypeTitle',
      'currentBoardId',
      'currentBoardTitle',
      ['blockedStartDate', 'date'],
      ['blockedEndDate', 'date'],
      'blockedByUserId',
      'blockedByUserFullName',
      'blockedByUserEmailAddress',
      'unblockedByUserId',
      'unblockedByUserFullName',
      'unblockedByUserEmailAddress',
      ['totalDurationDays', 'int'],
      ['totalDurationHours', 'int'],
      ['totalDurationMinusWeekendsDays', 'int'],
    ),
  },
  {
    id: 'comments',
    path: 'comments',
    label: 'Comments',
    description: 'Every comment on a card, with its author and date.',
    boardScoped: true,
    columns: columns('cardId', 'commentText', ['commentDate', 'datetime'], 'commentPostedByUserId'),
  },
  {
    id: 'connections',
    path: 'connections',
    label: 'Connections',
    description: 'Parent and child connections between cards.',
    boardScoped: true,
    columns: columns(
      'cardId',
      'parentCardId',
      ['connectionCreatedDate', 'datetime'],
      'connectionCreatedByUserId',
    ),
  },
  {
    id: 'customfields',
    path: 'customfields',
    label: 'Custom fields',
    description: 'One row per custom field value on a card.',
    boardScoped: true,
    columns: columns(
      'cardId',
      'currentBoardId',
      'externalCardId',
      'customFieldId',
      'label',
      'type',
      'customFieldValue',
    ),
  },
  {
    id: 'tasks',
    path: 'tasks',
    label: 'Tasks',
    description: 'Every task card with its containing card, lane and dates.',
    boardScoped: true,
    columns: columns(
      'taskId',
      'containingCardId',
      'externalCardId',
      'taskTitle',
      'containingCardTitle',
      'taskType',
      ['taskSize', 'int'],
      'priority',
      'customIcon',
      ['isTaskBlocked', 'bool'],
      'currentBlockedReason',
      'taskExternalLinkName',
      'taskExternalLinkUrl',
      ...CARD_DATE_COLUMNS,
      'currentTaskboardLaneId',
      'currentTaskboardLaneTitle',
      'currentTaskboardLaneType',
    ),
  },
  {
    id: 'boards',
    path: 'boards',
    label: 'Boards',
    description: 'Every board you can see.',
    boardScoped: false,
    columns: columns('boardId', 'boardTitle'),
  },
];

export type ReportId = string;

export function findReport(id: ReportId): Report | undefined {
  return REPORTS.find((report) => report.id === id);
}

export function findReportByPath(path: string): Report | undefined {
  return REPORTS.find((report) => report.path === path);
}

/**
 * The column a CSV/TAB header cell names: by its id (`cardId`) or by its label in the reference's
 * tables (`Card ID`, the id's words), since which of the two LeanKit writes is unknown
 * (reporting-api.md §10). Undefined for a header the catalogue does not know.
 */
export function findColumn(report: Report, header: string): Column | undefined {
  const key = headerKey(header);
  return report.columns.find((column) => headerKey(column.id) === key);
}

function headerKey(text: string): string {
  return text.replace(/\s/g, '').toLowerCase();
}

/** The three formats the API serves, with what each file is called and typed. */
export const FORMATS = {
  csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv' },
  tab: { label: 'TAB', extension: 'tsv', mimeType: 'text/tab-separated-values' },
  json: { label: 'JSON', extension: 'json', mimeType: 'application/json' },
} as const;

export type Format = keyof typeof FORMATS;

export function isFormat(value: unknown): value is Format {
  return typeof value === 'string' && Object.hasOwn(FORMATS, value);
}
