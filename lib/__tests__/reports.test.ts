import { describe, expect, it } from 'vitest';
import { FORMATS, isFormat } from '../formats';
import { findColumn, findReport, findReportByPath, REPORTS } from '../reports';

describe('the report catalogue', () => {
  it('lists the 14 reports of the reference, each once', () => {
    expect(REPORTS.map((r) => r.path)).toEqual([
      'cards',
      'cardpositions',
      'lanes',
      'tags',
      'userassignments/current',
      'userassignments/history',
      'usertaskassignments/current',
      'usertaskassignments/history',
      'cards/blockedhistory',
      'comments',
      'connections',
      'customfields',
      'tasks',
      'boards',
    ]);
    expect(new Set(REPORTS.map((r) => r.id)).size).toBe(REPORTS.length);
  });

  it('gives every report an id usable in file names, a label, a description and unique columns', () => {
    for (const report of REPORTS) {
      expect(report.id).toMatch(/^[a-z-]+$/);
      expect(report.label).not.toBe('');
      expect(report.description).toMatch(/\.$/);
      expect(new Set(report.columns.map((c) => c.id)).size).toBe(report.columns.length);
    }
  });

  it('keeps the cards columns in the order LeanKit serves them', () => {
    const cards = findReport('cards');
    expect(cards?.columns).toHaveLength(35);
    expect(cards?.columns[0]).toEqual({ id: 'cardId', type: 'string' });
    expect(cards?.columns[15]).toEqual({ id: 'creationDate', type: 'datetime' });
    expect(cards?.columns[19]).toEqual({ id: 'actualFinishDate', type: 'datetime' });
    expect(cards?.columns[34]).toEqual({ id: 'currentBoardTitle', type: 'string' });
  });

  // The reference's tables (reporting-api.md §5), written out: `id` for text, `id:type` otherwise.
  it.each([
    [
      'cards',
      'cardId parentCardId externalCardId cardTitle parentCardTitle cardTypeId cardType cardSize:int priority customIconId customIcon isCardBlocked:bool currentBlockedReason cardExternalLinkName cardExternalLinkUrl creationDate:datetime plannedStartDate:date actualStartDate:datetime plannedFinishDate:date actualFinishDate:datetime attachmentsCount:int lastAttachmentDate:datetime commentsCount:int lastCommentDate:datetime lastActivityDate:datetime archivedDate:datetime lastMovedDate:datetime currentLaneId currentLaneTitle parentLaneId parentLaneTitle currentLaneClass currentLaneType currentBoardId currentBoardTitle',
    ],
    [
      'cardpositions',
      'cardId externalCardId cardTitle laneEntryDate:datetime laneExitDate:datetime laneId laneTitle boardId boardTitle',
    ],
    [
      'lanes',
      'laneId laneTitle fullLaneTitle boardId boardTitle lanePolicy laneClass laneOrientation laneType creationDate:datetime wipLimit:int laneWidth:int lanePosition:int parentLaneId isCompletedLane:bool isDefaultDropLane:bool isTopLevelLane:bool canHoldCards:bool hasChildLanes:bool childLaneCount:int',
    ],
    ['tags', 'boardId cardId tag'],
    [
      'userassignments-current',
      'cardId assignedUserId assignedUserFullName assignedUserEmailAddress assignedByUserId assignedByUserFullName assignedByUserEmailAddress assignedToDate:date cardTitle cardSize:int priority cardTypeId cardTypeTitle currentBoardId currentBoardTitle',
    ],
    [
      'userassignments-history',
      'cardId assignedUserId assignedUserFullName assignedUserEmailAddress assignedByUserId assignedByUserFullName assignedByUserEmailAddress unassignedByUserId unassignedByUserFullName unassignedByUserEmailAddress assignedToDate:date assignedFromDate:date cardTitle cardSize:int priority cardTypeId cardTypeTitle currentBoardId currentBoardTitle totalDurationDays:int totalDurationHours:int totalDurationMinusWeekendsDays:int',
    ],
    [
      'usertaskassignments-current',
      'cardId assignedUserId assignedUserFullName assignedUserEmailAddress assignedByUserId assignedByUserFullName assignedByUserEmailAddress assignedToDate:date cardTitle cardSize:int priority cardTypeId cardTypeTitle currentBoardId currentBoardTitle',
    ],
    [
      'usertaskassignments-history',
      'cardId assignedUserId assignedUserFullName assignedUserEmailAddress assignedByUserId assignedByUserFullName assignedByUserEmailAddress unassignedByUserId unassignedByUserFullName unassignedByUserEmailAddress assignedToDate:date assignedFromDate:date cardTitle cardSize:int priority cardTypeId cardTypeTitle currentBoardId currentBoardTitle totalDurationDays:int totalDurationHours:int totalDurationMinusWeekendsDays:int',
    ],
    [
      'cards-blockedhistory',
      'cardId cardTitle cardSize:int priority cardTypeId cardTypeTitle currentBoardId currentBoardTitle blockedStartDate:date blockedEndDate:date blockedByUserId blockedByUserFullName blockedByUserEmailAddress unblockedByUserId unblockedByUserFullName unblockedByUserEmailAddress totalDurationDays:int totalDurationHours:int totalDurationMinusWeekendsDays:int',
    ],
    ['comments', 'cardId commentText commentDate:datetime commentPostedByUserId'],
    ['connections', 'cardId parentCardId connectionCreatedDate:datetime connectionCreatedByUserId'],
    [
      'customfields',
      'cardId currentBoardId externalCardId customFieldId label type customFieldValue',
    ],
    [
      'tasks',
      'taskId containingCardId externalCardId taskTitle containingCardTitle taskType taskSize:int priority customIcon isTaskBlocked:bool currentBlockedReason taskExternalLinkName taskExternalLinkUrl creationDate:datetime plannedStartDate:date actualStartDate:datetime plannedFinishDate:date actualFinishDate:datetime attachmentsCount:int lastAttachmentDate:datetime commentsCount:int lastCommentDate:datetime lastActivityDate:datetime archivedDate:datetime lastMovedDate:datetime currentTaskboardLaneId currentTaskboardLaneTitle currentTaskboardLaneType',
    ],
    ['boards', 'boardId boardTitle'],
  ])('serves the %s columns in this order, with these types', (reportId, spec) => {
    const columns = findReport(reportId)?.columns ?? [];
    expect(columns.map((c) => (c.type === 'string' ? c.id : `${c.id}:${c.type}`)).join(' ')).toBe(
      spec,
    );
  });

  it('finds reports by id and by API path', () => {
    expect(findReport('cards-blockedhistory')?.path).toBe('cards/blockedhistory');
    expect(findReportByPath('userassignments/history')?.id).toBe('userassignments-history');
    expect(findReport('nope')).toBeUndefined();
  });

  it.each([
    ['cards', 'cardSize', 'cardSize'],
    ['cards', 'Card Size', 'cardSize'],
    ['cards', 'Card ID', 'cardId'],
    ['cards', 'Card External Link Url', 'cardExternalLinkUrl'],
    ['lanes', 'WIP Limit', 'wipLimit'],
    ['lanes', 'Is Completed Lane', 'isCompletedLane'],
    ['customfields', 'Board ID', 'currentBoardId'],
    ['customfields', 'Current Board ID', 'currentBoardId'],
    ['cards', 'Size', undefined],
    ['cards', 'Card', undefined],
    ['tags', 'Card Size', undefined],
  ])('in %s, the header %j is the column %s', (reportId, header, columnId) => {
    const report = findReport(reportId);
    if (!report) throw new Error(reportId);
    expect(findColumn(report, header)?.id).toBe(columnId);
  });

  it('only the boards list ignores the board filter', () => {
    expect(REPORTS.filter((r) => !r.boardScoped).map((r) => r.id)).toEqual(['boards']);
  });

  it.each([
    ['csv', true],
    ['tab', true],
    ['json', true],
    ['xlsx', true],
    ['xml', false],
    ['toString', false],
    [undefined, false],
  ])('isFormat(%j) is %s', (value, expected) => {
    expect(isFormat(value)).toBe(expected);
  });

  it('types each format’s file so the browser keeps its extension, and asks LeanKit for CSV for XLSX', () => {
    expect(FORMATS).toEqual({
      csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv', served: 'csv' },
      tab: {
        label: 'TAB',
        extension: 'tsv',
        mimeType: 'text/tab-separated-values',
        served: 'tab',
      },
      json: { label: 'JSON', extension: 'json', mimeType: 'application/json', served: 'json' },
      xlsx: {
        label: 'XLSX',
        extension: 'xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        served: 'csv',
      },
    });
  });
});
