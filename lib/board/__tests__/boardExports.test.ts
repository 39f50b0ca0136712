import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { spreadsheetSafetyHint } from '../../csv/spreadsheetSafety';
import { LeanKitError } from '../../errors';
import type { ExportJobs } from '../../jobs/exportJobs';
import type { ExportJob } from '../../jobs/jobRecords';
import type { SessionInfo, StartExportRequest } from '../../messaging';
import { savePreset } from '../../recipes/presets';
import { REPORTS } from '../../reports';
import type { SessionService } from '../../session';
import type { SnapshotOutput } from '../../snapshot/snapshotOutputs';
import {
  boardTabJobsItem,
  defaultFormatItem,
  excelFriendlyCsvItem,
  jobsItem,
} from '../../storage/items';
import { boardAccess, boardJobView, createBoardExports } from '../boardExports';
import { isNotFoundQuestion, type TabMessage } from '../protocol';

const acme: SessionInfo = {
  origin: 'https://acme.leankit.com',
  accountName: 'acme',
  email: 'dana@acme.test',
};

describe('boardAccess', () => {
  it.each([
    ['a board of the signed-in account', 'https://acme.leankit.com/board/101', acme, '101', '101'],
    [
      'the same board, asked by the browser',
      'https://acme.leankit.com/board/101',
      acme,
      undefined,
      '101',
    ],
    ['a board with a card open', 'https://acme.leankit.com/board/101/card/5', acme, '101', '101'],
    ['the legacy board URL', 'https://acme.leankit.com/Boards/View/7', acme, '7', '7'],
  ])('allows %s', (_name, tabUrl, session, boardId, allowedBoard) => {
    expect(boardAccess({ tabUrl, session, boardId })).toEqual({
      allowed: true,
      board: { origin: 'https://acme.leankit.com', accountName: 'acme', boardId: allowedBoard },
    });
  });

  it.each([
    ['a tab without a URL', undefined, acme, '101', 'forbidden'],
    [
      'a LeanKit page that is no board',
      'https://acme.leankit.com/dashboard',
      acme,
      undefined,
      'forbidden',
    ],
    ['another site with a board path', 'https://evil.example/board/101', acme, '101', 'forbidden'],
    [
      'a look-alike host',
      'https://acme.leankit.com.evil.example/board/101',
      acme,
      '101',
      'forbidden',
    ],
    ['plain http', 'http://acme.leankit.com/board/101', acme, '101', 'forbidden'],
    [
      'another board than the tab shows',
      'https://acme.leankit.com/board/101',
      acme,
      '102',
      'bad-request',
    ],
    ['a signed-out browser', 'https://acme.leankit.com/board/101', null, '101', 'not-signed-in'],
    [
      'another account’s board',
      'https://other.leankit.com/board/101',
      acme,
      '101',
      'not-signed-in',
    ],
  ])('refuses %s (%s)', (_name, tabUrl, session, boardId, kind) => {
    const access = boardAccess({ tabUrl, session, boardId });
    expect(access).toMatchObject({ allowed: false, error: { kind, message: expect.any(String) } });
  });

  it('names both hosts when the tab is on another account', () => {
    expect(
      boardAccess({ tabUrl: 'https://beta.leankit.com/board/1', session: acme }),
    ).toMatchObject({
      error: {
        message:
          'You are signed in to acme.leankit.com. Sign in to beta.leankit.com to export this board.',
      },
    });
  });
});

describe('boardJobView', () => {
  const exportJob = (change: Partial<ExportJob>): ExportJob => ({
    id: 'j1',
    accountName: 'acme',
    reportId: 'lanes',
    format: 'csv',
    boardIds: ['101'],
    fileName: 'x.csv',
    state: 'done',
    bytes: 80,
    startedAt: 0,
    ...change,
  });

  it.each<[string, Partial<ExportJob>, boolean]>([
    ['done with no data rows', { rows: 0 }, true],
    ['done with rows', { rows: 12 }, false],
    ['done, rows unknown (a direct export with rows)', {}, false],
    ['running, no rows counted yet', { state: 'running', rows: 0 }, false],
    ['failed before any row', { state: 'failed', rows: 0 }, false],
  ])('%s', (_name, change, empty) => {
    const view = boardJobView(exportJob(change));
    expect(view).toMatchObject({ id: 'j1', boardId: '101', reportId: 'lanes' });
    expect(view.empty).toBe(empty ? true : undefined);
  });

  it('carries a finished file’s notes, and none while it runs', () => {
    const notes = ['No row matched the filters: the file has only the header row.'];
    expect(boardJobView(exportJob({ rows: 0, notes })).notes).toEqual(notes);
    expect(boardJobView(exportJob({ state: 'running', notes })).notes).toBeUndefined();
  });
});

const boardTab = (id: number, boardId: string, host = 'acme.leankit.com') =>
  ({ id, url: `https://${host}/board/${boardId}` }) as Browser.tabs.Tab;
const senderOf = (tab: Browser.tabs.Tab) => ({
  id: 'test-extension-id',
  frameId: 0,
  url: tab.url,
  tab,
});

describe('createBoardExports', () => {
  let signedIn: SessionInfo | null;
  let started: StartExportRequest[];
  let cancelled: string[];
  let sent: { tabId: number; message: TabMessage }[];
  /** Tabs whose page shows LeanKit's "board not found" view. */
  let notFoundTabs: number[];
  let tabs: {
    sendMessage: ReturnType<typeof vi.fn>;
    query: ReturnType<typeof vi.fn>;
    create: ReturnType<typeof vi.fn>;
  };
  let downloads: { show: ReturnType<typeof vi.fn> };
  let action: { openPopup: ReturnType<typeof vi.fn> };

  let writes = Promise.resolve();
  /** A job runner that only records jobs in storage, as the real one does, so tests move them. */
  const jobs = {
    async start(request: StartExportRequest) {
      started.push(request);
      const job: ExportJob = {
        id: `job-${started.length}`,
        ...request,
        accountName: 'acme',
        fileName: 'x.csv',
        state: 'running',
        bytes: 0,
        startedAt: 0,
      };
      // Chained, as the real runner does, so that parallel starts both land.
      writes = writes.then(async () => jobsItem.setValue([job, ...(await jobsItem.getValue())]));
      await writes;
      return { jobId: job.id, done: Promise.resolve() };
    },
    async startSnapshot({ boardIds, output }: { boardIds: string[]; output: SnapshotOutput }) {
      const { jobId, done } = await jobs.start({ reportId: 'snapshot', format: 'csv', boardIds });
      await updateJob(jobId, { snapshot: { output, boards: boardIds.map((id) => ({ id })) } });
      return { jobId, done };
    },
    cancel: (jobId: string) => void cancelled.push(jobId),
  } as ExportJobs;
  const sessionListeners = new Set<() => void>();
  const session = {
    current: async () => signedIn,
    watch: (listener: () => void) => {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
  } as unknown as SessionService;

  async function updateJob(id: string, change: Partial<ExportJob>) {
    const all = await jobsItem.getValue();
    await jobsItem.setValue(all.map((job) => (job.id === id ? { ...job, ...change } : job)));
  }

  function create() {
    return createBoardExports({
      session,
      jobs,
      tabs: tabs as unknown as typeof Browser.tabs,
      downloads: downloads as unknown as typeof Browser.downloads,
      action: action as unknown as typeof Browser.action,
      popupUrl: 'chrome-extension://test-extension-id/popup.html',
    });
  }

  beforeEach(() => {
    fakeBrowser.reset();
    sessionListeners.clear();
    signedIn = acme;
    started = [];
    cancelled = [];
    sent = [];
    notFoundTabs = [];
    tabs = {
      sendMessage: vi.fn(async (tabId: number, message: unknown) => {
        // What the content script answers (lib/board/boardNotFound.ts).
        if (isNotFoundQuestion(message)) return notFoundTabs.includes(tabId);
        sent.push({ tabId, message: message as TabMessage });
      }),
      query: vi.fn(async () => [{ id: 1 }, { id: 2 }]),
      create: vi.fn(async () => ({})),
    };
    downloads = { show: vi.fn(async () => true) };
    action = { openPopup: vi.fn(async () => undefined) };
  });

  it('exports the tab’s board and sends that tab each update of its job', async () => {
    const boards = create();
    boards.watch();
    const tab = boardTab(1, '101');
    const answer = await boards.handlers.boardExport(
      { boardId: '101', reportId: 'cards', format: 'tab' },
      senderOf(tab),
    );
    expect(answer).toEqual({ jobId: 'job-1' });
    expect(started).toEqual([{ reportId: 'cards', format: 'tab', boardIds: ['101'] }]);

    await updateJob('job-1', { bytes: 2048 });
    await updateJob('job-1', { state: 'done', bytes: 4096, downloadId: 9, path: '/home/u/x.csv' });
    await vi.waitFor(() => expect(sent.at(-1)?.message).toMatchObject({ job: { state: 'done' } }));
    expect(sent.map(({ tabId, message }) => [tabId, message])).toEqual([
      [1, { type: 'boardJobUpdate', job: expect.objectContaining({ state: 'running', bytes: 0 }) }],
      [1, { type: 'boardJobUpdate', job: expect.objectContaining({ bytes: 2048 }) }],
      [
        1,
        {
          type: 'boardJobUpdate',
          job: {
            id: 'job-1',
            boardId: '101',
            reportId: 'cards',
            format: 'tab',
            state: 'done',
            bytes: 4096,
          },
        },
      ],
    ]);
    // The path on disk and the download id stay in the background.
    expect(JSON.stringify(sent)).not.toContain('/home/u');
  });

  it('keeps two tabs’ exports apart', async () => {
    const boards = create();
    boards.watch();
    const [first, second] = await Promise.all([
      boards.handlers.boardExport(
        { boardId: '101', reportId: 'cards', format: 'csv' },
        senderOf(boardTab(1, '101')),
      ),
      boards.handlers.boardExport(
        { boardId: '102', reportId: 'cards', format: 'csv' },
        senderOf(boardTab(2, '102')),
      ),
    ]);
    expect([first.jobId, second.jobId].sort()).toEqual(['job-1', 'job-2']);
    const ids = Object.fromEntries(started.map((r, i) => [r.boardIds[0], `job-${i + 1}`]));
    expect((await boardTabJobsItem.getValue()).map((e) => [e.tabId, e.jobId]).sort()).toEqual([
      [1, ids['101']],
      [2, ids['102']],
    ]);

    await updateJob(ids['102'] ?? '', { state: 'done', bytes: 10 });
    await updateJob(ids['101'] ?? '', {
      state: 'failed',
      error: { kind: 'server', message: 'No.' },
    });
    await vi.waitFor(() =>
      expect(
        sent.filter(
          (s) => s.message.type === 'boardJobUpdate' && s.message.job.state !== 'running',
        ),
      ).toHaveLength(2),
    );
    for (const { tabId, message } of sent) {
      if (message.type !== 'boardJobUpdate') continue;
      expect(message.job.boardId).toBe(tabId === 1 ? '101' : '102');
    }
  });

  it('sends each tab its job’s updates in order, even while another tab is slow to take one', async () => {
    const boards = create();
    boards.watch();
    await boards.handlers.boardExport(
      { boardId: '101', reportId: 'cards', format: 'csv' },
      senderOf(boardTab(1, '101')),
    );
    await boards.handlers.boardExport(
      { boardId: '102', reportId: 'cards', format: 'csv' },
      senderOf(boardTab(2, '102')),
    );
    // Tab 2 takes its time over its next update (a busy page), while job-1 finishes.
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    let tab2Busy = false;
    tabs.sendMessage.mockImplementation(async (tabId: number, message: TabMessage) => {
      if (tabId === 2 && message.type === 'boardJobUpdate' && message.job.bytes === 5) {
        tab2Busy = true;
        await slow;
      }
      sent.push({ tabId, message });
    });
    await updateJob('job-2', { bytes: 5 });
    await vi.waitFor(() => expect(tab2Busy).toBe(true));
    await updateJob('job-1', { state: 'done', bytes: 20 });
    release();
    await vi.waitFor(() =>
      expect(sent).toContainEqual({
        tabId: 1,
        message: { type: 'boardJobUpdate', job: expect.objectContaining({ state: 'done' }) },
      }),
    );
    // Once tab 2 hears of a later change, every update from before it has been sent.
    await updateJob('job-2', { state: 'done', bytes: 40 });
    await vi.waitFor(() =>
      expect(sent).toContainEqual({
        tabId: 2,
        message: { type: 'boardJobUpdate', job: expect.objectContaining({ state: 'done' }) },
      }),
    );
    // Tab 1 never hears of its job running again once it heard that it is done.
    const toTab1 = sent.filter((s) => s.tabId === 1).map((s) => s.message);
    expect(toTab1).toEqual([
      { type: 'boardJobUpdate', job: expect.objectContaining({ state: 'running', bytes: 0 }) },
      { type: 'boardJobUpdate', job: expect.objectContaining({ state: 'done', bytes: 20 }) },
    ]);
  });

  it('keeps sending each tab its export’s updates, however many tabs export at once', async () => {
    const boards = create();
    boards.watch();
    for (let tabId = 1; tabId <= 22; tabId++) {
      await boards.handlers.boardExport(
        { boardId: '101', reportId: 'cards', format: 'csv' },
        senderOf(boardTab(tabId, '101')),
      );
    }
    expect(await boardTabJobsItem.getValue()).toHaveLength(22);

    await updateJob('job-1', { state: 'done', bytes: 10 });
    await vi.waitFor(() =>
      expect(sent).toContainEqual({
        tabId: 1,
        message: { type: 'boardJobUpdate', job: expect.objectContaining({ state: 'done' }) },
      }),
    );
    // Finished ones make room: the next export drops the oldest finished tab's entry only.
    await boards.handlers.boardExport(
      { boardId: '101', reportId: 'cards', format: 'csv' },
      senderOf(boardTab(23, '101')),
    );
    const tabIds = (await boardTabJobsItem.getValue()).map((e) => e.tabId);
    expect(tabIds).toHaveLength(22);
    expect(tabIds).not.toContain(1);
  });

  it.each([
    [
      'another board than the tab shows',
      boardTab(1, '101'),
      { boardId: '102', reportId: 'cards' },
      'bad-request',
    ],
    [
      'a tab of another account',
      boardTab(1, '101', 'beta.leankit.com'),
      { boardId: '101', reportId: 'cards' },
      'not-signed-in',
    ],
    [
      'a LeanKit page that is no board',
      { id: 1, url: 'https://acme.leankit.com/' },
      { boardId: '101', reportId: 'cards' },
      'forbidden',
    ],
    [
      'a report without a board filter',
      boardTab(1, '101'),
      { boardId: '101', reportId: 'boards' },
      'bad-request',
    ],
    [
      'an unknown report',
      boardTab(1, '101'),
      { boardId: '101', reportId: 'secrets' },
      'bad-request',
    ],
  ])('refuses an export for %s', async (_name, tab, request, kind) => {
    await expect(
      create().handlers.boardExport(
        { ...request, format: 'csv' },
        senderOf(tab as Browser.tabs.Tab),
      ),
    ).rejects.toMatchObject({ kind });
    expect(started).toEqual([]);
  });

  it('takes a snapshot of the tab’s board, and tells the tab which report it is fetching', async () => {
    const boards = create();
    boards.watch();
    const answer = await boards.handlers.boardSnapshot(
      { boardId: '101', output: 'csv-zip' },
      senderOf(boardTab(1, '101')),
    );
    expect(answer).toEqual({ jobId: 'job-1' });
    expect(started).toEqual([{ reportId: 'snapshot', format: 'csv', boardIds: ['101'] }]);
    const step = { label: 'Lanes', number: 3, count: 12 };
    await updateJob('job-1', { step });
    await vi.waitFor(() =>
      expect(sent.at(-1)?.message).toMatchObject({ job: { reportId: 'snapshot', step } }),
    );
    await updateJob('job-1', { state: 'done' });
    await vi.waitFor(() => expect(sent.at(-1)?.message).toMatchObject({ job: { state: 'done' } }));
    expect(sent.at(-1)?.message).not.toHaveProperty('job.step');
  });

  it.each([
    ['another board than the tab shows', boardTab(1, '202'), 'bad-request'],
    ['a tab that is not a board page', { id: 1, url: 'https://acme.leankit.com/' }, 'forbidden'],
  ])('refuses a snapshot of %s', async (_name, tab, kind) => {
    await expect(
      create().handlers.boardSnapshot(
        { boardId: '101', output: 'xlsx' },
        senderOf(tab as Browser.tabs.Tab),
      ),
    ).rejects.toMatchObject({ kind });
    expect(started).toEqual([]);
  });

  it('refuses when signed out, so the button can offer sign-in', async () => {
    signedIn = null;
    await expect(
      create().handlers.boardExport(
        { boardId: '101', reportId: 'cards', format: 'csv' },
        senderOf(boardTab(1, '101')),
      ),
    ).rejects.toMatchObject({ kind: 'not-signed-in' });
  });

  it('tells a remounted button its state, also after a service-worker restart', async () => {
    const tab = boardTab(1, '101');
    await create().handlers.boardExport(
      { boardId: '101', reportId: 'lanes', format: 'csv' },
      senderOf(tab),
    );
    await updateJob('job-1', { bytes: 300 });

    const restarted = create();
    expect(await restarted.handlers.boardState({ boardId: '101' }, senderOf(tab))).toMatchObject({
      signedIn: true,
      job: expect.objectContaining({ id: 'job-1', reportId: 'lanes', bytes: 300 }),
    });
    // The same tab after moving to another board, and another tab on that board.
    expect(
      await restarted.handlers.boardState({ boardId: '102' }, senderOf(boardTab(1, '102'))),
    ).toMatchObject({
      signedIn: true,
      job: null,
    });
    expect(
      await restarted.handlers.boardState({ boardId: '101' }, senderOf(boardTab(2, '101'))),
    ).toMatchObject({
      signedIn: true,
      job: null,
    });
    signedIn = null;
    expect(
      await restarted.handlers.boardState({ boardId: '101' }, senderOf(boardTab(2, '101'))),
    ).toMatchObject({
      signedIn: false,
      job: null,
    });
  });

  it('gives the button the default format and the board reports of the catalogue', async () => {
    await defaultFormatItem.setValue('tab');
    const state = await create().handlers.boardState(
      { boardId: '101' },
      senderOf(boardTab(1, '101')),
    );
    expect(state.defaultFormat).toBe('tab');
    expect(state.spreadsheetHint).toBe(spreadsheetSafetyHint(false));
    expect(state.reports.map((r) => r.id)).toEqual(
      REPORTS.filter((r) => r.boardScoped).map((r) => r.id),
    );
    expect(state.reports[0]).toEqual({
      id: 'cards',
      label: 'Cards',
      description: expect.any(String),
    });
  });

  it('shows the file and cancels only for the tab that started the export', async () => {
    const boards = create();
    const tab = boardTab(1, '101');
    await boards.handlers.boardExport(
      { boardId: '101', reportId: 'cards', format: 'csv' },
      senderOf(tab),
    );
    await updateJob('job-1', { state: 'done', downloadId: 9 });

    await expect(
      boards.handlers.boardShowFile({ jobId: 'job-1' }, senderOf(boardTab(2, '101'))),
    ).rejects.toMatchObject({ kind: 'not-found' });
    await boards.handlers.boardCancel({ jobId: 'job-1' }, senderOf(boardTab(2, '101')));
    expect(downloads.show).not.toHaveBeenCalled();
    expect(cancelled).toEqual([]);

    expect(await boards.handlers.boardShowFile({ jobId: 'job-1' }, senderOf(tab))).toBeNull();
    expect(downloads.show).toHaveBeenCalledWith(9);
    await boards.handlers.boardCancel({ jobId: 'job-1' }, senderOf(tab));
    expect(cancelled).toEqual(['job-1']);
  });

  it('opens the popup for sign-in, or the popup page in a tab when it cannot', async () => {
    const boards = create();
    await boards.handlers.boardSignIn(undefined, senderOf(boardTab(1, '101')));
    expect(action.openPopup).toHaveBeenCalledOnce();
    expect(tabs.create).not.toHaveBeenCalled();

    action.openPopup.mockRejectedValueOnce(new Error('Could not find an active browser window.'));
    await boards.handlers.boardSignIn(undefined, senderOf(boardTab(1, '101')));
    expect(tabs.create).toHaveBeenCalledWith({
      url: 'chrome-extension://test-extension-id/popup.html',
    });
  });

  it('opens the Flow charts page of the board its tab shows, and of no other board', async () => {
    const boards = create();
    await boards.handlers.boardOpenFlow({ boardId: '101' }, senderOf(boardTab(1, '101')));
    expect(tabs.create).toHaveBeenCalledWith({
      url: 'chrome-extension://test-extension-id/flow.html?boards=101',
    });

    await expect(
      boards.handlers.boardOpenFlow({ boardId: '102' }, senderOf(boardTab(1, '101'))),
    ).rejects.toMatchObject({ kind: 'bad-request' });
    expect(tabs.create).toHaveBeenCalledOnce();
  });

  it('exports the board of the shortcut’s tab in the default format', async () => {
    await defaultFormatItem.setValue('json');
    const boards = create();
    boards.watch();
    await boards.exportFromShortcut(boardTab(4, '103'));
    expect(started).toEqual([{ reportId: 'cards', format: 'json', boardIds: ['103'] }]);
    await vi.waitFor(() =>
      expect(sent).toContainEqual({
        tabId: 4,
        message: expect.objectContaining({ type: 'boardJobUpdate' }),
      }),
    );
  });

  it.each([
    ['a tab that is no board', { id: 4, url: 'https://acme.leankit.com/' }],
    ['no tab', undefined],
    ['another site', { id: 4, url: 'https://evil.example/board/1' }],
  ])('ignores the shortcut on %s', async (_name, tab) => {
    await create().exportFromShortcut(tab as Browser.tabs.Tab | undefined);
    expect(started).toEqual([]);
    expect(action.openPopup).not.toHaveBeenCalled();
  });

  it.each([
    ['signed in', acme],
    ['signed out', null],
  ])('does nothing on a board page showing LeanKit’s not-found view (%s)', async (_name, who) => {
    signedIn = who;
    notFoundTabs = [4];
    await create().exportFromShortcut(boardTab(4, '103'));
    expect(started).toEqual([]);
    expect(action.openPopup).not.toHaveBeenCalled();
    expect(tabs.create).not.toHaveBeenCalled();
  });

  it('exports from a board tab without our content script (opened before the install)', async () => {
    tabs.sendMessage.mockRejectedValueOnce(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    await create().exportFromShortcut(boardTab(4, '103'));
    expect(started).toEqual([{ reportId: 'cards', format: 'csv', boardIds: ['103'] }]);
  });

  it('offers sign-in when the shortcut is used signed out', async () => {
    signedIn = null;
    await create().exportFromShortcut(boardTab(4, '103'));
    expect(started).toEqual([]);
    expect(action.openPopup).toHaveBeenCalledOnce();
  });

  it('tells LeanKit tabs when the signed-in account changes', async () => {
    create().watch();
    for (const listener of sessionListeners) listener();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(tabs.query).toHaveBeenCalledWith({ url: 'https://*.leankit.com/*' });
    expect(sent).toEqual([
      { tabId: 1, message: { type: 'boardSessionChanged' } },
      { tabId: 2, message: { type: 'boardSessionChanged' } },
    ]);
  });

  it('says which formats are safe in a spreadsheet, and tells LeanKit tabs when that changes', async () => {
    create().watch();
    await excelFriendlyCsvItem.setValue(true);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map(({ message }) => message)).toEqual([
      { type: 'boardSessionChanged' },
      { type: 'boardSessionChanged' },
    ]);
    const state = await create().handlers.boardState(
      { boardId: '101' },
      senderOf(boardTab(1, '101')),
    );
    expect(state.spreadsheetHint).toBe(spreadsheetSafetyHint(true));
  });

  describe('presets', () => {
    const recipe = { columns: ['cardId', 'cardTitle'] };
    const titles = {
      name: 'Titles',
      reportId: 'cards',
      format: 'tab' as const,
      boardIds: ['999'],
      recipe,
    };

    it('lists the presets of board reports for the menu', async () => {
      const cards = await savePreset(titles);
      await savePreset({
        ...titles,
        name: 'Every board',
        reportId: 'boards',
        format: 'json',
        recipe: {},
      });
      const lanes = await savePreset({
        ...titles,
        name: 'Lanes',
        reportId: 'lanes',
        format: 'csv',
        recipe: {},
      });
      const state = await create().handlers.boardState(
        { boardId: '101' },
        senderOf(boardTab(1, '101')),
      );
      expect(state.presets).toEqual([
        { id: cards.id, name: 'Titles', reportId: 'cards', format: 'tab' },
        { id: lanes.id, name: 'Lanes', reportId: 'lanes', format: 'csv' },
      ]);
    });

    it('exports a preset’s report, format and recipe, on the tab’s board rather than the preset’s', async () => {
      const preset = await savePreset(titles);
      const answer = await create().handlers.boardExport(
        { boardId: '101', reportId: 'lanes', format: 'json', presetId: preset.id },
        senderOf(boardTab(1, '101')),
      );
      expect(answer).toEqual({ jobId: 'job-1' });
      expect(started).toEqual([
        { reportId: 'cards', format: 'tab', boardIds: ['101'], recipe, presetId: preset.id },
      ]);
    });

    it.each([
      [
        'a preset deleted meanwhile',
        async () => 'gone',
        'That preset no longer exists. It may have been deleted in another window.',
      ],
      [
        'a preset of a report that is not a board’s',
        async () =>
          (await savePreset({ ...titles, reportId: 'boards', format: 'json', recipe: {} })).id,
        '"boards" is not a board report.',
      ],
    ])('refuses %s, starting nothing', async (_name, presetId, message) => {
      const request = {
        boardId: '101',
        reportId: 'cards',
        format: 'csv' as const,
        presetId: await presetId(),
      };
      await expect(
        create().handlers.boardExport(request, senderOf(boardTab(1, '101'))),
      ).rejects.toThrow(message);
      expect(started).toEqual([]);
    });

    it('tells LeanKit tabs when the presets change', async () => {
      create().watch();
      await savePreset(titles);
      await vi.waitFor(() => expect(sent).toHaveLength(2));
      expect(sent).toEqual([
        { tabId: 1, message: { type: 'boardSessionChanged' } },
        { tabId: 2, message: { type: 'boardSessionChanged' } },
      ]);
    });
  });

  // handleMessages turns it into the button's error message (lib/__tests__/messaging.test.ts).
  it('passes a failed start’s error on', async () => {
    const failing = {
      ...jobs,
      start: async () => {
        throw new LeanKitError('server', 'LeanKit had a problem.');
      },
    } as ExportJobs;
    const boards = createBoardExports({
      session,
      jobs: failing,
      tabs: tabs as unknown as typeof Browser.tabs,
      downloads: downloads as unknown as typeof Browser.downloads,
      action: action as unknown as typeof Browser.action,
      popupUrl: 'x',
    });
    await expect(
      boards.handlers.boardExport(
        { boardId: '101', reportId: 'cards', format: 'csv' },
        senderOf(boardTab(1, '101')),
      ),
    ).rejects.toMatchObject({ kind: 'server', message: 'LeanKit had a problem.' });
  });
});
