import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LeanKitError } from '../errors';
import {
  handleMessages,
  isAllowedSender,
  isBackgroundWorker,
  isExtensionPage,
  MESSAGES,
  type MessageHandlers,
  type MessageType,
} from '../messaging';

const popupSender = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/popup.html',
};

describe('isExtensionPage', () => {
  it.each([
    ['the popup', popupSender, true],
    ['the popup opened in a tab', { ...popupSender, tab: { id: 3 } }, true],
    [
      'a content script of this extension',
      { id: 'test-extension-id', url: 'https://acme.leankit.com/board/1', tab: { id: 3 } },
      false,
    ],
    ['another extension', { id: 'other', url: 'chrome-extension://other/popup.html' }, false],
    [
      'a page posing as us',
      {
        id: 'test-extension-id',
        url: 'https://evil.example/chrome-extension://test-extension-id/',
      },
      false,
    ],
    ['a sender without a URL', { id: 'test-extension-id' }, false],
  ])('%s → %s', (_name, sender, trusted) => {
    expect(isExtensionPage(sender as Parameters<typeof isExtensionPage>[0])).toBe(trusted);
  });
});

describe('isBackgroundWorker', () => {
  const worker = {
    id: 'test-extension-id',
    url: 'chrome-extension://test-extension-id/background.js',
  };
  it.each([
    ['the service worker', worker, true],
    ['the popup', popupSender, false],
    [
      'the offscreen document',
      { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/offscreen.html' },
      false,
    ],
    [
      'a content script of this extension',
      {
        id: 'test-extension-id',
        url: 'https://acme.leankit.com/board/1',
        frameId: 0,
        tab: { id: 3 },
      },
      false,
    ],
    ['a tab showing the worker’s script', { ...worker, tab: { id: 3 } }, false],
    [
      'another extension’s worker',
      { id: 'other', url: 'chrome-extension://other/background.js' },
      false,
    ],
    ['a sender without a URL', { id: 'test-extension-id' }, false],
  ])('%s → %s', (_name, sender, trusted) => {
    expect(isBackgroundWorker(sender as Parameters<typeof isBackgroundWorker>[0])).toBe(trusted);
  });
});

describe('isAllowedSender', () => {
  const boardTab = {
    id: 'test-extension-id',
    url: 'https://acme.leankit.com/board/1',
    frameId: 0,
    tab: { id: 3, url: 'https://acme.leankit.com/board/1' },
  };
  type Sender = Parameters<typeof isAllowedSender>[0];
  // From the one table; the board button's messages are spelled out, as a reviewer would check.
  const all = Object.keys(MESSAGES) as MessageType[];
  const boardOnes = all.filter((type) => MESSAGES[type].from === 'pages and board tabs');
  const pageOnly = all.filter((type) => MESSAGES[type].from === 'pages');

  it('lets board tabs send the board button’s messages only', () => {
    expect(boardOnes).toEqual([
      'boardState',
      'boardExport',
      'boardSnapshot',
      'boardShowFile',
      'boardCancel',
      'boardSignIn',
      'boardOpenFlow',
    ]);
    expect(pageOnly.length).toBe(13);
  });

  it.each([
    ['the popup', popupSender, [...pageOnly, ...boardOnes]],
    ['a LeanKit board tab’s top frame', boardTab, boardOnes],
    [
      'a LeanKit tab off the boards (the handler decides)',
      { ...boardTab, url: 'https://acme.leankit.com/' },
      boardOnes,
    ],
    ['a LeanKit iframe', { ...boardTab, frameId: 2 }, []],
    ['a frame without a frame id', { ...boardTab, frameId: undefined }, []],
    ['plain http', { ...boardTab, url: 'http://acme.leankit.com/board/1' }, []],
    ['another site', { ...boardTab, url: 'https://evil.example/board/1' }, []],
    [
      'a look-alike host',
      { ...boardTab, url: 'https://acme.leankit.com.evil.example/board/1' },
      [],
    ],
    ['a bare leankit.com', { ...boardTab, url: 'https://leankit.com/board/1' }, []],
    ['a sender without a tab', { ...boardTab, tab: undefined }, []],
    ['another extension’s content script', { ...boardTab, id: 'other' }, []],
    ['an unparseable URL', { ...boardTab, url: 'not a url' }, []],
    // What a web page's own script would look like, were it given a way in (it is not: no
    // externally_connectable): no extension id, only an origin.
    [
      'a LeanKit page’s own script',
      { ...boardTab, id: undefined, origin: 'https://acme.leankit.com' },
      [],
    ],
    ['any web page', { url: 'https://evil.example/', origin: 'https://evil.example' }, []],
    ['a file on disk', { ...boardTab, url: 'file:///home/me/board/1.html' }, []],
    ['another extension’s page', { id: 'other', url: 'chrome-extension://other/popup.html' }, []],
  ])('%s may send %j', (_name, sender, allowed) => {
    for (const type of [...pageOnly, ...boardOnes]) {
      expect([type, isAllowedSender(sender as Sender, type)]).toEqual([
        type,
        (allowed as MessageType[]).includes(type),
      ]);
    }
  });
});

describe('handleMessages', () => {
  const acme = { origin: 'https://acme.leankit.com', accountName: 'acme', email: 'dana@acme.test' };
  const boardTab = {
    id: 'test-extension-id',
    url: 'https://acme.leankit.com/board/1',
    frameId: 0,
    tab: { id: 3, url: 'https://acme.leankit.com/board/1' },
  };
  /** The messages that reached a handler, in order. */
  let handled: string[];

  /** Handlers that answer from their data, and fail when asked to (a job or board id "fail…"). */
  function handlers(): MessageHandlers {
    const ran =
      <T>(type: string, answer: () => T) =>
      async () => {
        handled.push(type);
        return answer();
      };
    return {
      getSession: ran('getSession', () => acme),
      signIn: ran('signIn', () => acme),
      signOut: ran('signOut', () => null),
      startExport: async ({ reportId, boardIds }) => {
        handled.push('startExport');
        return { jobId: `${reportId}:${boardIds.join(',')}` };
      },
      cancelExport: async ({ jobId }) => {
        handled.push('cancelExport');
        if (jobId === 'fail') throw new Error('storage is full');
        return null;
      },
      startSnapshot: ran('startSnapshot', () => ({ jobId: 'snapshot' })),
      signInWithToken: ran('signInWithToken', () => acme),
      listBoards: ran('listBoards', () => ({ boards: [], complete: true })),
      listLanes: ran('listLanes', () => []),
      showDownload: ran('showDownload', () => null),
      setStaySignedIn: ran('setStaySignedIn', () => null),
      saveSchedule: ran('saveSchedule', () => ({ id: 's1' })),
      scheduleAction: ran('scheduleAction', () => null),
      boardState: ran('boardState', () => ({
        signedIn: true,
        job: null,
        defaultFormat: 'csv' as const,
        reports: [],
        spreadsheetHint: '',
        presets: [],
      })),
      boardSnapshot: ran('boardSnapshot', () => ({ jobId: 'snapshot' })),
      boardExport: async ({ boardId }) => {
        handled.push('boardExport');
        if (boardId === 'fail-leankit') throw new LeanKitError('forbidden', 'Not your board.');
        if (boardId === 'fail-other') throw new TypeError('x is undefined');
        return { jobId: `job-${boardId}` };
      },
      boardShowFile: ran('boardShowFile', () => null),
      boardCancel: ran('boardCancel', () => null),
      boardSignIn: ran('boardSignIn', () => null),
      boardOpenFlow: ran('boardOpenFlow', () => null),
    };
  }

  beforeEach(() => {
    fakeBrowser.reset();
    handled = [];
    handleMessages(handlers());
  });

  async function answer(message: unknown, sender: object = popupSender): Promise<unknown> {
    const [reply] = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
    return reply;
  }

  it('answers with the handler’s value, as a Result where the table says so', async () => {
    expect(await answer({ type: 'getSession' })).toEqual(acme);
    expect(
      await answer({
        type: 'startExport',
        data: { reportId: 'cards', format: 'csv', boardIds: ['1', '2'] },
      }),
    ).toEqual({ ok: true, value: { jobId: 'cards:1,2' } });
    expect(await answer({ type: 'cancelExport', data: { jobId: 'j1' } })).toBeNull();
  });

  it('passes a recipe and a preset id on to the handler, which checks the recipe itself', async () => {
    const data = {
      reportId: 'cards',
      format: 'csv',
      boardIds: [],
      recipe: { columns: 'not checked here' },
      presetId: 'p1',
    };
    expect(await answer({ type: 'startExport', data })).toEqual({
      ok: true,
      value: { jobId: 'cards:' },
    });
    const board = { boardId: '1', reportId: 'cards', format: 'csv', presetId: 'p1' };
    expect(await answer({ type: 'boardExport', data: board }, boardTab)).toEqual({
      ok: true,
      value: { jobId: 'job-1' },
    });
    expect(handled).toEqual(['startExport', 'boardExport']);
  });

  it('answers a LeanKitError thrown by a handler with its message', async () => {
    const data = { boardId: 'fail-leankit', reportId: 'cards', format: 'csv' };
    expect(await answer({ type: 'boardExport', data }, boardTab)).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Not your board.' },
    });
  });

  it('answers any other failure with the generic message', async () => {
    const data = { boardId: 'fail-other', reportId: 'cards', format: 'csv' };
    expect(await answer({ type: 'boardExport', data }, boardTab)).toEqual({
      ok: false,
      error: { kind: 'server', message: 'Something went wrong: x is undefined' },
    });
  });

  it('rejects, for messages whose answer is no Result, when their handler fails', async () => {
    await expect(answer({ type: 'cancelExport', data: { jobId: 'fail' } })).rejects.toThrow(
      'storage is full',
    );
  });

  it.each([
    ['a content script (page-only message)', 'getSession', undefined, boardTab],
    ['a content script (the lane list is for pages)', 'listLanes', { boardIds: ['1'] }, boardTab],
    ['a LeanKit iframe', 'boardState', { boardId: '1' }, { ...boardTab, frameId: 2 }],
    ['another extension', 'getSession', undefined, { ...popupSender, id: 'other' }],
    ['a web page', 'boardState', { boardId: '1' }, { url: 'https://evil.example/' }],
  ])('refuses a message from %s', async (_name, type, data, sender) => {
    expect(await answer({ type, data }, sender)).toBeUndefined();
    expect(handled).toEqual([]);
  });

  it('answers a board tab’s own messages', async () => {
    expect(await answer({ type: 'boardState', data: { boardId: '1' } }, boardTab)).toMatchObject({
      signedIn: true,
    });
    expect(handled).toEqual(['boardState']);
  });

  it.each([
    ['cancelExport', { jobId: 7 }],
    ['cancelExport', undefined],
    ['startExport', { reportId: 'cards', format: 'pdf', boardIds: [] }],
    ['startExport', { reportId: 'cards', format: 'csv', boardIds: '1' }],
    ['showDownload', { downloadId: '3' }],
    ['setStaySignedIn', { stay: 'yes' }],
    ['saveSchedule', { setup: 'weekly' }],
    ['saveSchedule', { setup: {}, id: 1 }],
    ['scheduleAction', { id: 's1', action: 'explode' }],
    ['boardExport', { boardId: 1, reportId: 'cards', format: 'csv' }],
    ['startExport', { reportId: 'cards', format: 'csv', boardIds: [], recipe: 'cardId' }],
    ['startExport', { reportId: 'cards', format: 'csv', boardIds: [], recipe: ['cardId'] }],
    ['startExport', { reportId: 'cards', format: 'csv', boardIds: [], recipe: null }],
    ['startExport', { reportId: 'cards', format: 'csv', boardIds: [], presetId: 7 }],
    ['boardExport', { boardId: '1', reportId: 'cards', format: 'csv', presetId: {} }],
    ['listLanes', { boardIds: '101' }],
    ['listLanes', { boardIds: [101] }],
  ])('refuses %s with data that fails its check (%j)', async (type, data) => {
    expect(await answer({ type, data })).toBeUndefined();
    expect(handled).toEqual([]);
  });

  it.each([
    [null],
    ['getSession'],
    [{ type: 'runScript' }],
    [{ type: 42 }],
    [{ type: 'toString' }],
  ])('refuses %j, which is not one of our messages', async (message) => {
    expect(await answer(message)).toBeUndefined();
    expect(handled).toEqual([]);
  });
});

describe('senders in Firefox (moz-extension:// pages, add-on id)', () => {
  type Sender = Parameters<typeof isAllowedSender>[0];
  const origin = 'moz-extension://4b1c2d3e-0000-4000-8000-123456789abc/';
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.runtime, 'getURL').mockImplementation(
      (path: string) => `${origin}${path.replace(/^\//, '')}`,
    );
  });

  it.each([
    ['the popup', { id: 'test-extension-id', url: `${origin}popup.html` }, true],
    ['the options page', { id: 'test-extension-id', url: `${origin}options.html` }, true],
    [
      'a page of another Firefox profile’s install (other UUID)',
      {
        id: 'test-extension-id',
        url: 'moz-extension://00000000-0000-4000-8000-000000000000/popup.html',
      },
      false,
    ],
    [
      'a Chrome-style URL',
      { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' },
      false,
    ],
  ])('%s → %s', (_name, sender, trusted) => {
    expect(isAllowedSender(sender as Sender, 'getSession')).toBe(trusted);
  });

  it('lets a LeanKit board tab send the board messages only', () => {
    const boardTab = {
      id: 'test-extension-id',
      url: 'https://acme.leankit.com/board/1',
      frameId: 0,
      tab: { id: 3 },
    } as Sender;
    expect(isAllowedSender(boardTab, 'boardExport')).toBe(true);
    expect(isAllowedSender(boardTab, 'getSession')).toBe(false);
  });
});
