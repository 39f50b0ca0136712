import type { BlockedSpan, Card, CardPosition, Lane } from './boardHistory';

/**
 * What the Flow charts page gets for one board: the typed records of its four reports, loaded
 * through the background like any export, and parsed while they download. The metrics
 * (lib/flow/*) are computed from this, in the page, and nothing leaves the browser.
 */
export interface BoardReports {
  readonly boardId: string;
  readonly lanes: readonly Lane[];
  readonly positions: readonly CardPosition[];
  readonly cards: readonly Card[];
  readonly blocked: readonly BlockedSpan[];
  /** Rows skipped as unusable, per report, so the page can say so. */
  readonly skipped: Readonly<Record<FlowReport, number>>;
  /** When the reports were fetched, epoch milliseconds (the data itself can lag up to 24 hours). */
  readonly fetchedAt: number;
}

/** What the metrics read with no card type chosen: all of a board's reports but the cards. */
export type BoardHistory = Pick<BoardReports, 'lanes' | 'positions' | 'blocked'>;

/** The reports the flow metrics read, by their path under `/io/reporting/export/`. */
export const FLOW_REPORTS = ['lanes', 'cardpositions', 'cards', 'cards/blockedhistory'] as const;
export type FlowReport = (typeof FLOW_REPORTS)[number];

/** How loading goes, for the page's progress bar and live region. */
export interface FlowLoadProgress {
  /** The report being fetched now. */
  readonly report: FlowReport;
  /** Reports finished so far, of `FLOW_REPORTS.length`. */
  readonly done: number;
  /** Bytes of the current report received so far. */
  readonly bytes: number;
}

export interface FlowLoadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FlowLoadProgress) => void;
  /**
   * The board's history, once its lanes, card positions and blocked spans are parsed and before
   * the cards are (the cards report comes last): enough for the metrics with no card type chosen,
   * which the page works out while the cards still download.
   */
  readonly onHistory?: (history: BoardHistory) => void;
}

/** Loads one board's reports; rejects with a LeanKitError-like `{kind, message}` the page shows. */
export type LoadBoardReports = (
  boardId: string,
  options?: FlowLoadOptions,
) => Promise<BoardReports>;
