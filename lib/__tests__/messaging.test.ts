import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  type BoardHandlers,
  type Handlers,
  handleMessages,
  isAllowedSender,
  isExtensionPage,
  MESSAGES,
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
      'boardShowFile',
      'boardCancel',
      'boardSignIn',
    ]);
    expect(pageOnly.length).toBe(9);
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
  beforeEach(() => {
    fakeBrowser.reset();
  });

  function register(isTrusted = isExtensionPage) {
    const handlers = {
      getSession: vi.fn(async () => null),
      signIn: vi.fn(),
      signOut: vi.fn(async () => null),
      startExport: vi.fn(),
      cancelExport: vi.fn(async () => null),
      signInWithToken: vi.fn(),
      listBoards: vi.fn(),
      showDownload: vi.fn(),
      setStaySignedIn: vi.fn(async () => null),
      boardState: vi.fn(),
      boardExport: vi.fn(),
      boardShowFile: vi.fn(),
      boardCancel: vi.fn(),
      boardSignIn: vi.fn(),
    } satisfies Record<keyof (Handlers & BoardHandlers), unknown>;
    handleMessages(handlers as unknown as Handlers & BoardHandlers, isTrusted);
    return handlers;
  }

  it('answers a trusted sender with the handler’s result', async () => {
    const handlers = register();
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'cancelExport', data: { jobId: 'j1' } },
      popupSender,
      () => undefined,
    );
    expect(answer).toBeNull();
    expect(handlers.cancelExport).toHaveBeenCalledWith({ jobId: 'j1' }, popupSender);
  });

  it('ignores an untrusted sender', async () => {
    const handlers = register();
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'getSession' },
      { id: 'test-extension-id', url: 'https://acme.leankit.com/board/1' },
      () => undefined,
    );
    expect(answer).toBeUndefined();
    expect(handlers.getSession).not.toHaveBeenCalled();
  });

  it.each([
    ['cancelExport', { jobId: 7 }],
    ['cancelExport', undefined],
    ['startExport', { reportId: 'cards', format: 'xlsx', boardIds: [] }],
    ['startExport', { reportId: 'cards', format: 'csv', boardIds: '1' }],
    ['showDownload', { downloadId: '3' }],
    ['setStaySignedIn', { stay: 'yes' }],
  ])('ignores %s with data that fails its check (%j)', async (type, data) => {
    const handlers = register(() => true);
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(
      { type, data },
      popupSender,
      () => undefined,
    );
    expect(answer).toBeUndefined();
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('passes data that passes its check', async () => {
    const handlers = register(() => true);
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'startExport', data: { reportId: 'cards', format: 'csv', boardIds: ['1'] } },
      popupSender,
      () => undefined,
    );
    expect(handlers.startExport).toHaveBeenCalledWith(
      { reportId: 'cards', format: 'csv', boardIds: ['1'] },
      popupSender,
    );
  });

  it.each([
    [null],
    ['getSession'],
    [{ type: 'runScript' }],
    [{ type: 42 }],
    [{ type: 'toString' }],
  ])('ignores %j, which is not one of our messages', async (message) => {
    const handlers = register(() => true);
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(
      message,
      popupSender,
      () => undefined,
    );
    expect(answer).toBeUndefined();
    expect(handlers.getSession).not.toHaveBeenCalled();
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
