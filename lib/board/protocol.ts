import type { ErrorInfo } from '../errors';
import type { Format } from '../formats';
import type { JobState } from '../jobs/jobRecords';
import type { SnapshotStep } from '../snapshot/snapshotJob';

// The board button's side of the protocol: what its content script and the background
// (lib/board/boardExports.ts) tell each other. The messages themselves are in lib/messaging.ts.

/** An export the board button asks for: always of the board its own tab shows. */
export interface BoardExportRequest {
  boardId: string;
  reportId: string;
  format: Format;
  /**
   * A saved preset of a board report (`BoardState.presets`): its report, format and recipe are
   * exported instead of `reportId` and `format`; the board is still the tab's.
   */
  presetId?: string;
}

/** What a board tab may know of an export it started: no token, no path on disk. */
export interface BoardJob {
  id: string;
  boardId: string;
  reportId: string;
  format: Format;
  state: JobState;
  bytes: number;
  /** A board snapshot's report being fetched, while it runs. */
  step?: SnapshotStep;
  /** Finished with no data rows: the file holds the header alone. */
  empty?: true;
  /** What the user should know about the finished file (see ExportJob.notes). */
  notes?: string[];
  error?: ErrorInfo;
}

/** The board button's picture of the background, asked for whenever it (re)mounts. */
export interface BoardState {
  /** Signed in to the account the tab is on. */
  signedIn: boolean;
  /** The newest export this tab started for this board, if any. */
  job: BoardJob | null;
  /** The format one click exports in (the user's setting). */
  defaultFormat: Format;
  /**
   * The reports for the button's menu, from the catalogue: sent rather than bundled, so the
   * content script stays small.
   */
  reports: BoardReport[];
  /** Which formats are safe to open in a spreadsheet, as the popup says it (sent, not bundled). */
  spreadsheetHint: string;
  /**
   * The saved presets of board reports, for the menu (sent: content scripts cannot read the
   * extension's storage). A change of them sends `boardSessionChanged`.
   */
  presets: BoardPreset[];
}

/** A preset as the board button's menu lists it. */
export interface BoardPreset {
  id: string;
  name: string;
  reportId: string;
  format: Format;
}

/** A report as the board button's menu lists it. */
export interface BoardReport {
  id: string;
  label: string;
  description: string;
}

/** Messages the background sends to a board tab (`tabs.sendMessage`). */
export type TabMessage =
  | { type: 'boardJobUpdate'; job: BoardJob }
  /** The signed-in account, the Excel-friendly setting or the presets changed: ask for the state again. */
  | { type: 'boardSessionChanged' };

export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'boardJobUpdate' || type === 'boardSessionChanged';
}

/**
 * The background's question to a tab before the keyboard shortcut exports its board: does the page
 * show LeanKit's "board not found" view? The URL cannot tell; the content script answers `true` or
 * `false`, and only our own content scripts can receive or answer `tabs.sendMessage`.
 */
export const NOT_FOUND_QUESTION = { type: 'boardShowsNotFound' } as const;

export function isNotFoundQuestion(value: unknown): value is typeof NOT_FOUND_QUESTION {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === NOT_FOUND_QUESTION.type
  );
}
