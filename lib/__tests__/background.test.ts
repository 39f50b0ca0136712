// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { FakeDownloads } from '../jobs/__tests__/fakeDownloads';
import { fakeOffscreenDocument } from '../jobs/__tests__/fakeOffscreen';
import type { MessageType, Protocol } from '../messaging';
import { savePreset } from '../recipes/presets';
import { boardListItem, jobsItem, recentDownloadsItem, sessionExpiredItem } from '../storage/items';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ boards: 1, cardsPerBoard: 3 });
});
afterAll(() => sim.close());

const popup = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };
const contentScript = {
  id: 'test-extension-id',
  url: 'https://acme.leankit.com/board/1',
  tab: { id: 7 },
};

async function send<K extends MessageType>(
  type: K,
  data: Protocol[K]['request'],
  sender: object = popup,
): Promise<Protocol[K]['response'] | undefined> {
  const [answer] = await fakeBrowser.runtime.onMessage.trigger(
    { type, data },
    sender,
    () => undefined,
  );
  return answer as Protocol[K]['response'] | undefined;
}

/** The simulator's log entry of the latest cards export. */
function lastCardsExport() {
  return sim.requests.findLast((r) => r.path === '/io/reporting/export/cards');
}

describe('the background', () => {
  let downloads: FakeDownloads;
  let tabMessages: [number, unknown][];
  let shortcut: ((command: string, tab?: object) => void) | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    vi.stubGlobal('fetch', simulatorFetch(sim));
    downloads = new FakeDownloads();
    downloads.onStart = (id) => downloads.complete(id, 42);
    // The fake browser mocks neither the commands API nor downloads.
    const onCommand = {
      addListener: (listener: (command: string, tab?: object) => void) => {
        shortcut = listener;
      },
    };
    Object.assign(fakeBrowser, { downloads, commands: { onCommand } });
    // Nor permissions.onAdded, which the background listens to for the notifications permission.
    Object.assign(fakeBrowser.permissions, { onAdded: { addListener: () => {} } });
    tabMessages = [];
    Object.assign(fakeBrowser.tabs, {
      sendMessage: async (tabId: number, message: unknown) => {
        tabMessages.push([tabId, message]);
      },
    });
    // Chrome's background: exports are fetched and built in the offscreen document.
    fakeOffscreenDocument(simulatorFetch(sim));
    background.main();
  });

  it('signs in for the popup and tells who is signed in, never the token', async () => {
    const answer = await send('signIn', {
      account: 'acme',
      email: sim.demo.email,
      password: sim.demo.password,
    });
    expect(answer).toEqual({
      ok: true,
      value: {
        origin: 'https://acme.leankit.com',
        accountName: 'acme',
        email: sim.demo.email,
        name: sim.demo.name,
      },
    });
    const session = await send('getSession', undefined);
    expect(session).toEqual(answer?.ok ? answer.value : undefined);
  });

  it('answers a failed sign-in with the message to show', async () => {
    const answer = await send('signIn', { account: 'acme', email: sim.demo.email, password: 'x' });
    expect(answer).toEqual({
      ok: false,
      error: { kind: 'bad-credentials', message: 'Login failed: email or password is incorrect' },
    });
  });

  it('starts an export for the popup', async () => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const answer = await send('startExport', { reportId: 'cards', format: 'csv', boardIds: [] });
    expect(answer).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    await vi.waitFor(() => expect(downloads.requests).toHaveLength(1));
  });

  it('exports what a saved preset stores, whatever the request says besides its id', async () => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const board = sim.boards[0]?.id ?? '';
    const recipe = { columns: ['cardId', 'cardTitle'] };
    const preset = await savePreset({
      name: 'Titles',
      reportId: 'cards',
      format: 'tab',
      boardIds: [board],
      recipe,
    });
    const answer = await send('startExport', {
      reportId: 'lanes',
      format: 'json',
      boardIds: [],
      presetId: preset.id,
    });
    expect(answer).toMatchObject({ ok: true });
    const [job] = await jobsItem.getValue();
    expect(job).toMatchObject({
      reportId: 'cards',
      format: 'tab',
      boardIds: [board],
      recipe,
      presetId: preset.id,
      route: 'processed',
    });
  });

  it.each([
    [
      'a preset deleted meanwhile',
      { presetId: 'gone' },
      {
        kind: 'not-found',
        message: 'That preset no longer exists. It may have been deleted in another window.',
      },
    ],
    [
      'a malformed recipe',
      { recipe: { columns: [] } },
      { kind: 'bad-request', message: 'Choose at least one column.' },
    ],
  ])('answers an export of %s with the message to show', async (_name, change, error) => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const answer = await send('startExport', {
      reportId: 'cards',
      format: 'csv',
      boardIds: [],
      ...change,
    });
    expect(answer).toEqual({ ok: false, error });
    expect(await jobsItem.getValue()).toEqual([]);
  });

  it('stops a running export when the popup signs out', async () => {
    downloads.onStart = undefined; // the download runs until the browser is told otherwise
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    await send('startExport', { reportId: 'cards', format: 'csv', boardIds: [] });
    await vi.waitFor(async () => expect((await jobsItem.getValue())[0]?.downloadId).toBe(1));

    await send('signOut', undefined);
    await vi.waitFor(async () =>
      expect((await jobsItem.getValue())[0]).toMatchObject({
        state: 'cancelled',
        error: { kind: 'signed-out', message: 'Stopped because you signed out.' },
      }),
    );
    expect(downloads.cancelled).toContain(1);
    expect(downloads.items.size).toBe(0);
  });

  it('does nothing for a content script asking for the popup’s messages', async () => {
    const signInsBefore = sim.requests.filter((r) => r.path === '/io/reporting/auth').length;
    expect(
      await send(
        'signIn',
        { account: 'acme', email: sim.demo.email, password: sim.demo.password },
        contentScript,
      ),
    ).toBeUndefined();
    expect(await send('getSession', undefined, contentScript)).toBeUndefined();
    expect(sim.requests.filter((r) => r.path === '/io/reporting/auth')).toHaveLength(signInsBefore);
  });

  it('lists the account’s boards for the popup, and forgets them when the user changes', async () => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const answer = await send('listBoards', undefined);
    expect(answer).toEqual({
      ok: true,
      value: { boards: [{ id: sim.boards[0]?.id, title: sim.boards[0]?.title }], complete: true },
    });
    expect(await boardListItem.getValue()).not.toBeNull();
    await send('signOut', undefined);
    expect(await boardListItem.getValue()).toBeNull();
  });

  it('lists the lanes of the chosen boards for the editor, and says why when it cannot', async () => {
    const boardId = sim.boards[0]?.id ?? '';
    expect(await send('listLanes', { boardIds: [boardId] })).toMatchObject({
      ok: false,
      error: { kind: 'not-signed-in' },
    });
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const answer = await send('listLanes', { boardIds: [boardId] });
    if (!answer?.ok) throw new Error(JSON.stringify(answer));
    expect(answer.value.length).toBeGreaterThan(0);
    expect(answer.value.every((lane) => lane.boardId === boardId)).toBe(true);

    sim.expireAllTokens();
    expect(await send('listLanes', { boardIds: [boardId] })).toMatchObject({
      ok: false,
      error: { kind: 'token-expired' },
    });
    expect(await send('getSession', undefined)).toBeNull();
  });

  it('when LeanKit refuses the token: drops it, marks the session expired and badges the toolbar button', async () => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    sim.expireAllTokens();
    const answer = await send('listBoards', undefined);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'token-expired' } });
    expect(await send('getSession', undefined)).toBeNull();
    expect(await sessionExpiredItem.getValue()).toBe(true);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toMatch(/sign in again/);

    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('records each finished export in recent downloads, without the token', async () => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    await send('startExport', { reportId: 'lanes', format: 'json', boardIds: [] });
    await vi.waitFor(async () =>
      expect(await recentDownloadsItem.getValue()).toMatchObject([
        { reportId: 'lanes', format: 'json', state: 'done', bytes: 42, downloadId: 1 },
      ]),
    );
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(local).not.toMatch(/eyJ|token/);
  });

  it('shows a finished download in its folder, and says so when the browser lost it', async () => {
    const shown: number[] = [];
    Object.assign(downloads, {
      show: async (id: number) => {
        if (id !== 1) throw new Error('Invalid download id');
        shown.push(id);
      },
    });
    expect(await send('showDownload', { downloadId: 1 })).toEqual({ ok: true, value: null });
    expect(shown).toEqual([1]);
    expect(await send('showDownload', { downloadId: 9 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('starts an export for a content script on a board of the signed-in account', async () => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const boardId = sim.boards[0]?.id ?? '';
    const url = `https://acme.leankit.com/board/${boardId}`;
    const boardTab = { ...contentScript, url, frameId: 0, tab: { id: 7, url } };
    const answer = await send(
      'boardExport',
      { boardId, reportId: 'cards', format: 'csv' },
      boardTab,
    );
    expect(answer).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    await vi.waitFor(() => expect(downloads.requests).toHaveLength(1));
    expect(downloads.requests[0]?.url).toMatch(/^blob:/);
    expect(lastCardsExport()?.query.boardId).toBe(boardId);

    await vi.waitFor(() =>
      expect(tabMessages).toContainEqual([
        7,
        { type: 'boardJobUpdate', job: expect.objectContaining({ boardId, state: 'done' }) },
      ]),
    );

    // The same request from a frame inside the board page is not answered at all.
    expect(
      await send(
        'boardExport',
        { boardId, reportId: 'cards', format: 'csv' },
        { ...boardTab, frameId: 3 },
      ),
    ).toBeUndefined();
    expect(downloads.requests).toHaveLength(1);
  });

  it('exports the board of the tab the keyboard shortcut was pressed in', async () => {
    await send('signIn', { account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const boardId = sim.boards[0]?.id ?? '';
    shortcut?.('export-board', { id: 9, url: `https://acme.leankit.com/board/${boardId}` });
    await vi.waitFor(() => expect(downloads.requests).toHaveLength(1));
    expect(downloads.requests[0]?.url).toMatch(/^blob:/);
    expect(lastCardsExport()?.query.boardId).toBe(boardId);
  });
});
