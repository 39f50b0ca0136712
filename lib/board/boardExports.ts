import type { Browser } from 'wxt/browser';
import { spreadsheetSafetyHint } from '../csv/spreadsheetSafety';
import { type ErrorInfo, LeanKitError, toErrorInfo } from '../errors';
import { flowPath } from '../flow/flowPath';
import type { ExportJobs } from '../jobs/exportJobs';
import { type ExportJob, isUnfinished, trimFinished } from '../jobs/jobRecords';
import type { BoardHandlers, SessionInfo, StartExportRequest } from '../messaging';
import { watchPresets } from '../recipes/presetList';
import { listPresets, withPreset } from '../recipes/presets';
import { findReport, REPORTS } from '../reports';
import type { SessionService } from '../session';
import type { SnapshotOutput } from '../snapshot/snapshotOutputs';
import {
  boardTabJobsItem,
  defaultFormatItem,
  excelFriendlyCsvItem,
  jobsItem,
  type TabJob,
} from '../storage/items';
import { updateItem } from '../storage/updateItem';
import { type BoardLocation, parseBoardUrl } from './boardUrl';
import {
  type BoardExportRequest,
  type BoardJob,
  type BoardPreset,
  type BoardReport,
  NOT_FOUND_QUESTION,
  type TabMessage,
} from './protocol';

/** May this tab export from the signed-in account, and which board is it on? */
export type BoardAccess =
  | { allowed: true; board: BoardLocation }
  | { allowed: false; error: ErrorInfo };

/**
 * The trust rule for exports a board tab asks for (docs/architecture.md, "Trust"): the tab must
 * show a board page of the signed-in account's own host, and the board asked for must be the one
 * the tab shows. Pure, so the whole table is unit-tested.
 */
export function boardAccess({
  tabUrl,
  session,
  boardId,
}: {
  /** The sender's tab URL, as the browser reports it (never what the page claims). */
  tabUrl: string | undefined;
  session: Pick<SessionInfo, 'origin'> | null;
  /** The board the content script asks for; absent when the browser named the tab (shortcut). */
  boardId?: string;
}): BoardAccess {
  const board = tabUrl === undefined ? null : parseBoardUrl(tabUrl);
  if (!board) {
    return refuse('forbidden', 'Board exports can only be started from a LeanKit board page.');
  }
  if (boardId !== undefined && boardId !== board.boardId) {
    return refuse(
      'bad-request',
      'This tab no longer shows that board. Reload the page and try again.',
    );
  }
  if (!session) return refuse('not-signed-in', 'Sign in to LeanKit to export this board.');
  if (session.origin !== board.origin) {
    return refuse(
      'not-signed-in',
      `You are signed in to ${new URL(session.origin).host}. Sign in to ${new URL(board.origin).host} to export this board.`,
    );
  }
  return { allowed: true, board };
}

function refuse(kind: ErrorInfo['kind'], message: string): BoardAccess {
  return { allowed: false, error: { kind, message } };
}

const KEPT_TAB_JOBS = 20;

/** Every report the board filter narrows: the only ones that make sense from a board page. */
const BOARD_REPORTS: BoardReport[] = REPORTS.filter((report) => report.boardScoped).map(
  ({ id, label, description }) => ({ id, label, description }),
);

/** What a board tab may see of a job. */
export function boardJobView(job: ExportJob): BoardJob {
  return {
    id: job.id,
    boardId: job.boardIds[0] ?? '',
    reportId: job.reportId,
    format: job.format,
    state: job.state,
    bytes: job.bytes,
    ...(job.state === 'running' && job.step ? { step: job.step } : {}),
    // Processed exports count rows while running, so 0 means "empty" only once it is done.
    ...(job.state === 'done' && job.rows === 0 ? { empty: true } : {}),
    ...(job.state === 'done' && job.notes?.length ? { notes: [...job.notes] } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

/** The presets the board button's menu offers: those of board reports. */
async function boardPresets(): Promise<BoardPreset[]> {
  return (await listPresets())
    .filter((preset) => findReport(preset.reportId)?.boardScoped)
    .map(({ id, name, reportId, format }) => ({ id, name, reportId, format }));
}

interface Deps {
  session: SessionService;
  jobs: ExportJobs;
  tabs: Pick<typeof Browser.tabs, 'sendMessage' | 'query' | 'create'>;
  downloads: Pick<typeof Browser.downloads, 'show'>;
  action: Pick<typeof Browser.action, 'openPopup'>;
  /** The popup page's URL, opened in a tab when the popup itself cannot open. */
  popupUrl: string;
}

/**
 * The background side of the board button: answers its messages, starts exports for its tab (or
 * for the keyboard shortcut), and sends that tab each update of the exports it started.
 */
export function createBoardExports({ session, jobs, tabs, downloads, action, popupUrl }: Deps) {
  const lastSent = new Map<number, string>();

  // One update at a time, so that two tabs starting at once both stay. A tab whose export is still
  // under way always stays, or it would hear nothing more of it.
  function remember(entry: TabJob): Promise<void> {
    return updateItem(boardTabJobsItem, async (list) => {
      const unfinished = new Set(
        (await jobsItem.getValue()).filter(isUnfinished).map((job) => job.id),
      );
      return trimFinished(
        [entry, ...list.filter((e) => e.tabId !== entry.tabId)],
        KEPT_TAB_JOBS,
        (e) => unfinished.has(e.jobId),
      );
    });
  }

  async function tabJob(tabId: number | undefined, jobId?: string): Promise<ExportJob | undefined> {
    if (tabId === undefined) return undefined;
    const entry = (await boardTabJobsItem.getValue()).find((e) => e.tabId === tabId);
    if (!entry || (jobId !== undefined && entry.jobId !== jobId)) return undefined;
    return (await jobsItem.getValue()).find((job) => job.id === entry.jobId);
  }

  async function send(tabId: number, message: TabMessage): Promise<void> {
    try {
      await tabs.sendMessage(tabId, message);
    } catch {
      // The tab may be gone or on another site by now; then there is no one left to tell.
    }
  }

  async function sendLatest(): Promise<void> {
    const all = await jobsItem.getValue();
    for (const { tabId, jobId } of await boardTabJobsItem.getValue()) {
      const job = all.find((j) => j.id === jobId);
      if (!job) continue;
      const view = boardJobView(job);
      const key = JSON.stringify(view);
      if (lastSent.get(tabId) === key) continue;
      lastSent.set(tabId, key);
      await send(tabId, { type: 'boardJobUpdate', job: view });
    }
  }

  let sending = Promise.resolve();
  /**
   * Sends each board tab the latest view of its job. One round at a time, each reading storage when
   * its turn comes: a round holding an older snapshot could otherwise reach a tab after a newer one
   * (a slow tab holds it up) and show a finished export as running again, for good.
   */
  function sendUpdates(): Promise<void> {
    // A failed storage read loses nothing: the next change of the jobs sends the latest again.
    sending = sending.then(sendLatest).catch(() => undefined);
    return sending;
  }

  async function start(
    tab: Browser.tabs.Tab | undefined,
    request: Omit<BoardExportRequest, 'boardId'> & { boardId?: string },
  ): Promise<{ jobId: string }> {
    const { reportId, format, recipe, presetId }: Omit<StartExportRequest, 'boardIds'> =
      request.presetId === undefined ? request : await withPreset({ ...request, boardIds: [] });
    const report = findReport(reportId);
    if (!report?.boardScoped) {
      throw new LeanKitError('bad-request', `"${reportId}" is not a board report.`);
    }
    const access = boardAccess({
      tabUrl: tab?.url,
      session: await session.current(),
      boardId: request.boardId,
    });
    if (!access.allowed) throw new LeanKitError(access.error.kind, access.error.message);
    const tabId = tab?.id;
    if (tabId === undefined) throw new LeanKitError('forbidden', 'This request has no tab.');
    // A preset's own boards do not count here: the board is the tab's.
    const { jobId } = await jobs.start({
      reportId: report.id,
      format,
      boardIds: [access.board.boardId],
      ...(presetId === undefined ? {} : { recipe, presetId }),
    });
    await remember({ tabId, jobId });
    // The job may have moved on while we wrote down whose it is.
    await sendUpdates();
    return { jobId };
  }

  /** A board snapshot of the tab's board: the same trust rule as its exports. */
  async function startSnapshot(
    tab: Browser.tabs.Tab | undefined,
    { boardId, output }: { boardId: string; output: SnapshotOutput },
  ): Promise<{ jobId: string }> {
    const access = boardAccess({ tabUrl: tab?.url, session: await session.current(), boardId });
    if (!access.allowed) throw new LeanKitError(access.error.kind, access.error.message);
    const tabId = tab?.id;
    if (tabId === undefined) throw new LeanKitError('forbidden', 'This request has no tab.');
    const { jobId } = await jobs.startSnapshot({ boardIds: [access.board.boardId], output });
    await remember({ tabId, jobId });
    await sendUpdates();
    return { jobId };
  }

  async function showsNotFound(tabId: number | undefined): Promise<boolean> {
    if (tabId === undefined) return false;
    try {
      return (await tabs.sendMessage(tabId, NOT_FOUND_QUESTION)) === true;
    } catch {
      // No content script there (a tab opened before the extension was installed): the URL decides.
      return false;
    }
  }

  async function openSignIn(): Promise<void> {
    try {
      await action.openPopup();
    } catch {
      // Chrome opens the popup only in a focused window, and older versions not at all.
      await tabs.create({ url: popupUrl });
    }
  }

  const handlers: BoardHandlers = {
    boardState: async ({ boardId }, sender) => {
      const current = await session.current();
      const origin = sender.tab?.url ? parseBoardUrl(sender.tab.url)?.origin : undefined;
      const job = await tabJob(sender.tab?.id);
      const view = job ? boardJobView(job) : null;
      return {
        signedIn: current !== null && origin !== undefined && current.origin === origin,
        job: view?.boardId === boardId ? view : null,
        defaultFormat: await defaultFormatItem.getValue(),
        reports: BOARD_REPORTS,
        spreadsheetHint: spreadsheetSafetyHint(await excelFriendlyCsvItem.getValue()),
        presets: await boardPresets(),
      };
    },
    boardExport: (request, sender) => start(sender.tab, request),
    boardSnapshot: (request, sender) => startSnapshot(sender.tab, request),
    boardShowFile: async ({ jobId }, sender) => {
      const job = await tabJob(sender.tab?.id, jobId);
      if (job?.downloadId === undefined) {
        throw new LeanKitError('not-found', 'That file is no longer in the downloads list.');
      }
      await downloads.show(job.downloadId);
      return null;
    },
    boardCancel: async ({ jobId }, sender) => {
      if (await tabJob(sender.tab?.id, jobId)) jobs.cancel(jobId);
      return null;
    },
    boardSignIn: async () => {
      await openSignIn();
      return null;
    },
    boardOpenFlow: async ({ boardId }, sender) => {
      // Only the board the tab shows: a page cannot have other boards' charts opened.
      const board = sender.tab?.url ? parseBoardUrl(sender.tab.url) : null;
      if (board?.boardId !== boardId) {
        throw new LeanKitError(
          'bad-request',
          'This tab no longer shows that board. Reload the page and try again.',
        );
      }
      // Every page of the extension shares the popup's origin.
      await tabs.create({ url: new URL(flowPath([boardId]), popupUrl).href });
      return null;
    },
  };

  return {
    handlers,

    /**
     * The keyboard shortcut: exports the tab's board in the default format, or offers sign-in.
     * Does nothing where the board button is hidden because LeanKit says the board is not found.
     */
    async exportFromShortcut(tab: Browser.tabs.Tab | undefined): Promise<void> {
      if (await showsNotFound(tab?.id)) return;
      try {
        await start(tab, { reportId: 'cards', format: await defaultFormatItem.getValue() });
      } catch (cause) {
        if (toErrorInfo(cause).kind === 'not-signed-in') await openSignIn();
      }
    },

    /**
     * Sends job updates to the tabs that started them, and tells LeanKit tabs of sign-in changes,
     * of the Excel-friendly setting (their menus say which formats are safe) and of the presets.
     */
    watch(): () => void {
      const unwatchJobs = jobsItem.watch(() => void sendUpdates());
      const tellLeanKitTabs = async () => {
        const leanKitTabs = await tabs.query({ url: 'https://*.leankit.com/*' });
        for (const { id } of leanKitTabs) {
          if (id !== undefined) await send(id, { type: 'boardSessionChanged' });
        }
      };
      const unwatchSession = session.watch(() => void tellLeanKitTabs());
      const unwatchSetting = excelFriendlyCsvItem.watch(() => void tellLeanKitTabs());
      const unwatchPresets = watchPresets(() => void tellLeanKitTabs());
      return () => {
        unwatchJobs();
        unwatchSession();
        unwatchSetting();
        unwatchPresets();
      };
    },
  };
}
