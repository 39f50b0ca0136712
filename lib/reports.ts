import { REPORT_LIST, type ReportId, type ReportSummary } from './reportList';

/**
 * The report catalogue: every Advanced Reporting export we know of (lib/reportList.ts), with its
 * columns in the order the API serves them (docs/reporting-api.md §5). The single source of truth
 * for the API client, the row pipeline and the simulator; pages that only list reports read
 * lib/reportList.ts and lib/formats.ts, and leave the column lists out of their bundles.
 */

/** A column's value type, as LeanKit's own Tableau connector declares it. */
export type ColumnType = 'string' | 'int' | 'bool' | 'date' | 'datetime';

export interface Column {
  /** The exact column id (JSON key, CSV header). */
  readonly id: string;
  readonly type: ColumnType;
  /** The reference's label (§5) where it does not spell out the id, so a header of labels names it too. */
  readonly label?: string;
}

export interface Report extends ReportSummary {
  readonly columns: readonly Column[];
}

type ColumnSpec = string | readonly [string, ColumnType] | readonly [string, ColumnType, string];

/**
 * Columns are strings unless marked otherwise, as in the reference's tables. Free of side effects,
 * so a bundle that imports this module without using the catalogue leaves every column list out.
 */
/* @__NO_SIDE_EFFECTS__ */
function columns(...specs: ColumnSpec[]): Column[] {
  return specs.map((spec) => {
    if (typeof spec === 'string') return { id: spec, type: 'string' };
    const [id, type, label] = spec;
    return label === undefined ? { id, type } : { id, type, label };
  });
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

/** Each report's columns, by report id, in the order the API serves them. */
const COLUMNS_BY_REPORT: Readonly<Record<string, readonly Column[]>> = {
  cards: columns(
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
  cardpositions: columns(
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
  lanes: columns(
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
  tags: columns('boardId', 'cardId', 'tag'),
  'userassignments-current': currentAssignmentColumns,
  'userassignments-history': assignmentHistoryColumns,
  'usertaskassignments-current': currentAssignmentColumns,
  'usertaskassignments-history': assignmentHistoryColumns,
  'cards-blockedhistory': columns(
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
  comments: columns('cardId', 'commentText', ['commentDate', 'datetime'], 'commentPostedByUserId'),
  connections: columns(
    'cardId',
    'parentCardId',
    ['connectionCreatedDate', 'datetime'],
    'connectionCreatedByUserId',
  ),
  customfields: columns(
    'cardId',
    ['currentBoardId', 'string', 'Board ID'],
    'externalCardId',
    'customFieldId',
    'label',
    'type',
    'customFieldValue',
  ),
  tasks: columns(
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
  boards: columns('boardId', 'boardTitle'),
};

/**
 * Every report with its columns. Built from the two tables above, free of side effects, so a page
 * that only lists reports (the popup, through REPORT_LIST) leaves every column list out.
 */
export const REPORTS: readonly Report[] = /* @__PURE__ */ withColumns(REPORT_LIST);

/* @__NO_SIDE_EFFECTS__ */
function withColumns(list: readonly ReportSummary[]): Report[] {
  return list.map((report) => ({ ...report, columns: COLUMNS_BY_REPORT[report.id] ?? [] }));
}

export function findReport(id: ReportId): Report | undefined {
  return REPORTS.find((report) => report.id === id);
}

export function findReportByPath(path: string): Report | undefined {
  return REPORTS.find((report) => report.path === path);
}

/**
 * The column a CSV/TAB header cell names: by its id (`cardId`) or by its label in the reference's
 * tables (`Card ID`, the id's words, or the column's `label` where they differ), since which of the two LeanKit writes is unknown
 * (reporting-api.md §10). Undefined for a header the catalogue does not know.
 */
export function findColumn(report: Report, header: string): Column | undefined {
  const key = headerKey(header);
  return report.columns.find(
    (column) =>
      headerKey(column.id) === key ||
      (column.label !== undefined && headerKey(column.label) === key),
  );
}

function headerKey(text: string): string {
  return text.replace(/\s/g, '').toLowerCase();
}
