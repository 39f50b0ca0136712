import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Handlers, handleMessages, isExtensionPage } from '../messaging';

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
    } satisfies Record<keyof Handlers, unknown>;
    handleMessages(handlers as unknown as Handlers, isTrusted);
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

  it.each([[null], ['getSession'], [{ type: 'runScript' }], [{ type: 42 }]])(
    'ignores %j, which is not one of our messages',
    async (message) => {
      const handlers = register(() => true);
      const [answer] = await fakeBrowser.runtime.onMessage.trigger(
        message,
        popupSender,
        () => undefined,
      );
      expect(answer).toBeUndefined();
      expect(handlers.getSession).not.toHaveBeenCalled();
    },
  );
});
