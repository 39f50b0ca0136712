/**
 * The reports as lists show them (the popup, the board menu): what each is, without its columns,
 * which lib/reports.ts adds. Apart from the columns so that a page listing reports does not carry
 * every report's column list in its bundle.
 */

export type ReportId = string;

/** A report as lists show it: what it is, without its columns. */
export interface ReportSummary {
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
}

/** Every report, in the order lists show them: what it is, without its columns. */
export const REPORT_LIST: readonly ReportSummary[] = [
  {
    id: 'cards',
    path: 'cards',
    label: 'Cards',
    description: 'Every card with its current lane, dates and status.',
    boardScoped: true,
  },
  {
    id: 'cardpositions',
    path: 'cardpositions',
    label: 'Card positions',
    description: 'Lane history: each stay of a card in a lane, with entry and exit dates.',
    boardScoped: true,
  },
  {
    id: 'lanes',
    path: 'lanes',
    label: 'Lanes',
    description: 'Every lane of each board, with WIP limits and layout.',
    boardScoped: true,
  },
  {
    id: 'tags',
    path: 'tags',
    label: 'Tags',
    description: 'One row per tag on a card.',
    boardScoped: true,
  },
  {
    id: 'userassignments-current',
    path: 'userassignments/current',
    label: 'Current assignments',
    description: 'Who is assigned to each card now.',
    boardScoped: true,
  },
  {
    id: 'userassignments-history',
    path: 'userassignments/history',
    label: 'Assignment history',
    description: 'Every assignment period of a user on a card, with durations.',
    boardScoped: true,
  },
  {
    id: 'usertaskassignments-current',
    path: 'usertaskassignments/current',
    label: 'Current task assignments',
    description: 'Who is assigned to each task card now.',
    boardScoped: true,
  },
  {
    id: 'usertaskassignments-history',
    path: 'usertaskassignments/history',
    label: 'Task assignment history',
    description: 'Every assignment period of a user on a task card, with durations.',
    boardScoped: true,
  },
  {
    id: 'cards-blockedhistory',
    path: 'cards/blockedhistory',
    label: 'Blocked history',
    description: 'Each period a card was blocked, by whom and for how long.',
    boardScoped: true,
  },
  {
    id: 'comments',
    path: 'comments',
    label: 'Comments',
    description: 'Every comment on a card, with its author and date.',
    boardScoped: true,
  },
  {
    id: 'connections',
    path: 'connections',
    label: 'Connections',
    description: 'Parent and child connections between cards.',
    boardScoped: true,
  },
  {
    id: 'customfields',
    path: 'customfields',
    label: 'Custom fields',
    description: 'One row per custom field value on a card.',
    boardScoped: true,
  },
  {
    id: 'tasks',
    path: 'tasks',
    label: 'Tasks',
    description: 'Every task card with its containing card, lane and dates.',
    boardScoped: true,
  },
  {
    id: 'boards',
    path: 'boards',
    label: 'Boards',
    description: 'Every board you can see.',
    boardScoped: false,
  },
];

/** A report as lists show it. */
export function findReportSummary(id: ReportId): ReportSummary | undefined {
  return REPORT_LIST.find((report) => report.id === id);
}
