import type { ReportRow } from '../boardHistory';

/**
 * A small board whose metrics the tests work out by hand, as rows of the four reports (cells as a
 * parsed CSV gives them, one lanes row as JSON gives it). All in March 2026, in UTC; 2026-03-01
 * is a Sunday.
 *
 * Lanes, in board order (the rows below are shuffled on purpose):
 *   0 Backlog (backlog) · 1 Ready (active) · 2 In Progress (active, parent of) · 3 Build ·
 *   4 Review · 5 Done (active, completed) · 6 Archive (archive)
 * Default start: Ready (the first active lane); default finish: Done (the first completed lane).
 * Lane groups: Backlog, Ready, In Progress (Build, Review), Done, Archive.
 *
 * Cards (stays; each exit is the next entry, times 10:00 UTC unless said):
 *   A steady:     Backlog 03-01 09:00, Ready 03-01 23:30, Build 03-03, Review 03-05, Done 03-06
 *   B backwards:  Ready 03-02, Build 03-03, Review 03-04, Build 03-05, Review 03-07, Done 03-09
 *   C skips:      Backlog 03-01, Review 03-04, Done 03-05 (never in Ready or Build)
 *   D in progress: Backlog 03-03, Ready 03-05, Build 03-08 (still there); blocked since 03-09
 *   E blocked:    Ready 03-01, Build 03-02, Review 03-06, Done 03-08; blocked 03-03 to 03-05
 *   F archived:   Ready 03-03, Build 03-04, Done 03-06, Archive 03-09
 *   G not started: Backlog 03-07
 *   H reopened:   Ready 03-01, Done 03-03, Review 03-04, Done 03-06
 * Plus rows to skip: 3 card positions, 1 lane, 1 card, 1 blocked span.
 */

export const LANE = {
  backlog: '101',
  ready: '102',
  inProgress: '103',
  build: '104',
  review: '105',
  done: '106',
  archive: '107',
} as const;

export const TODAY = '2026-03-10';

export const laneRows: ReportRow[] = [
  lane(LANE.archive, 'Archive', '', 4, 'archive', 'completed', 'false'),
  lane(LANE.review, 'Review', LANE.inProgress, 1, 'active', 'inProcess', 'false'),
  lane(LANE.backlog, 'Backlog', '', 0, 'backlog', 'untyped', 'false'),
  lane(LANE.build, 'Build', LANE.inProgress, 0, 'active', 'inProcess', 'false'),
  lane(LANE.inProgress, 'In Progress', '', 2, 'active', 'inProcess', 'false'),
  // As JSON gives it: numbers, booleans, nulls.
  {
    laneId: LANE.done,
    laneTitle: 'Done',
    parentLaneId: null,
    lanePosition: 3,
    laneClass: 'active',
    laneType: 'completed',
    isCompletedLane: true,
  },
  lane(LANE.ready, 'Ready', '', 1, 'active', 'ready', 'False'),
  // No lane id: skipped.
  lane('', 'Nameless', '', 9, 'active', 'untyped', 'false'),
];

function lane(
  laneId: string,
  laneTitle: string,
  parentLaneId: string,
  position: number,
  laneClass: string,
  laneType: string,
  isCompletedLane: string,
): ReportRow {
  return {
    laneId,
    laneTitle,
    parentLaneId,
    lanePosition: String(position),
    laneClass,
    laneType,
    isCompletedLane,
  };
}

/** A card's stays as [lane id, entry]; each stay's exit is the next one's entry. */
function stays(cardId: string, path: readonly (readonly [string, string])[]): ReportRow[] {
  return path.map(([laneId, entry], step) => ({
    cardId,
    laneId,
    laneEntryDate: entry,
    laneExitDate: path[step + 1]?.[1] ?? '',
  }));
}

export const positionRows: ReportRow[] = [
  ...stays('A', [
    [LANE.backlog, '2026-03-01 09:00:00.0000000'],
    [LANE.ready, '2026-03-01T23:30:00Z'],
    [LANE.build, '2026-03-03 10:00:00.0000000'],
    [LANE.review, '2026-03-05 10:00:00.0000000'],
    [LANE.done, '2026-03-06 10:00:00.0000000'],
  ]),
  ...stays('B', [
    [LANE.ready, '2026-03-02 10:00:00'],
    [LANE.build, '2026-03-03 10:00:00'],
    [LANE.review, '2026-03-04 10:00:00'],
    [LANE.build, '2026-03-05 10:00:00'],
    [LANE.review, '2026-03-07 10:00:00'],
    [LANE.done, '2026-03-09 10:00:00'],
  ]),
  ...stays('C', [
    [LANE.backlog, '2026-03-01 10:00:00'],
    [LANE.review, '2026-03-04 10:00:00'],
    [LANE.done, '2026-03-05 10:00:00'],
  ]),
  ...stays('D', [
    [LANE.backlog, '2026-03-03 10:00:00'],
    [LANE.ready, '2026-03-05 10:00:00'],
    [LANE.build, '2026-03-08 10:00:00'],
  ]),
  ...stays('E', [
    [LANE.ready, '2026-03-01 10:00:00'],
    [LANE.build, '2026-03-02 10:00:00'],
    [LANE.review, '2026-03-06 10:00:00'],
    [LANE.done, '2026-03-08 10:00:00'],
  ]),
  ...stays('F', [
    [LANE.ready, '2026-03-03 10:00:00'],
    [LANE.build, '2026-03-04 10:00:00'],
    [LANE.done, '2026-03-06 10:00:00'],
    [LANE.archive, '2026-03-09 10:00:00'],
  ]),
  ...stays('G', [[LANE.backlog, '2026-03-07 10:00:00']]),
  // H's stays arrive out of order, as nothing promises the report's row order.
  ...stays('H', [
    [LANE.ready, '2026-03-01 10:00:00'],
    [LANE.done, '2026-03-03 10:00:00'],
    [LANE.review, '2026-03-04 10:00:00'],
    [LANE.done, '2026-03-06 10:00:00'],
  ]).reverse(),
  // Skipped: a malformed entry, no lane, an exit before the entry.
  { cardId: 'X', laneId: LANE.ready, laneEntryDate: '03/01/2026', laneExitDate: '' },
  { cardId: 'X', laneId: '', laneEntryDate: '2026-03-01 10:00:00', laneExitDate: '' },
  {
    cardId: 'X',
    laneId: LANE.ready,
    laneEntryDate: '2026-03-02 10:00:00',
    laneExitDate: '2026-03-01 10:00:00',
  },
  // Read, but in a lane the lanes report does not know: left out of every metric.
  { cardId: 'Y', laneId: '999', laneEntryDate: '2026-03-02 10:00:00', laneExitDate: '' },
];

export const cardRows: ReportRow[] = [
  {
    cardId: 'F',
    cardTitle: 'Archived card',
    cardTypeId: '7',
    cardType: 'Defect',
    cardSize: '3',
    priority: 'high',
    actualStartDate: '2026-03-04 10:00:00.0000000',
    actualFinishDate: '2026-03-06 10:00:00.0000000',
    archivedDate: '2026-03-09 10:00:00.0000000',
    currentLaneId: LANE.archive,
  },
  {
    cardId: 'D',
    cardTitle: 'Card in progress',
    cardTypeId: '8',
    cardType: 'Feature',
    cardSize: '',
    priority: 'normal',
    actualStartDate: '2026-03-08 10:00:00.0000000',
    actualFinishDate: '',
    archivedDate: 'not a date',
    currentLaneId: LANE.build,
  },
  { cardId: '', cardTitle: 'No id: skipped' },
];

export const blockedRows: ReportRow[] = [
  { cardId: 'E', blockedStartDate: '2026-03-03', blockedEndDate: '2026-03-05' },
  { cardId: 'D', blockedStartDate: '2026-03-09', blockedEndDate: '' },
  // Skipped: no start.
  { cardId: 'A', blockedStartDate: '', blockedEndDate: '2026-03-05' },
];
