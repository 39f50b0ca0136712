import { describe, expect, it, vi } from 'vitest';
import { LeanKitError } from '../../errors';
import { chooseRoute, createDownloader } from '../downloads';
import { FakeDownloads } from './fakeDownloads';

const blobUrl = 'blob:chrome-extension://abc/5d41402a-bc4b-4a76-b971-9d911017c592';

function setup() {
  const downloads = new FakeDownloads();
  const downloader = createDownloader({ downloads });
  const save = (signal?: AbortSignal) =>
    downloader.saveBlobUrl({ blobUrl, fileName: 'cards.csv', signal });
  return { downloads, downloader, save };
}

async function failure(promise: Promise<unknown>): Promise<LeanKitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeanKitError);
  return error as LeanKitError;
}

describe('chooseRoute', () => {
  it.each([
    ['csv', true, 'processed'],
    ['tab', true, 'processed'],
    ['json', true, 'direct'],
    ['csv', false, 'direct'],
    ['tab', false, 'direct'],
    ['json', false, 'direct'],
    ['xlsx', true, 'processed'],
    ['xlsx', false, 'processed'],
  ] as const)('%s with Excel-friendly %s goes %s', (format, excelFriendly, route) => {
    expect(chooseRoute(format, excelFriendly)).toBe(route);
  });

  const columns = { columns: ['cardId'] };
  const nothing = { filters: { laneIds: [] } };
  it.each([
    ['csv', false, columns, 'processed'],
    ['tab', false, columns, 'processed'],
    ['csv', true, columns, 'processed'],
    ['csv', false, nothing, 'direct'],
    ['tab', true, nothing, 'processed'],
    ['json', false, nothing, 'direct'],
    ['json', true, {}, 'direct'],
    ['xlsx', false, columns, 'processed'],
    ['xlsx', false, nothing, 'processed'],
  ] as const)(
    '%s with Excel-friendly %s and the recipe %j goes %s',
    (format, excelFriendly, recipe, route) => {
      expect(chooseRoute(format, excelFriendly, recipe)).toBe(route);
    },
  );

  it('refuses JSON with columns or filters, which apply to CSV, TAB and XLSX rows only', () => {
    expect(() => chooseRoute('json', false, columns)).toThrow(
      new LeanKitError('bad-request', 'Columns and filters work with CSV, TAB and XLSX exports.'),
    );
  });
});

describe('downloader.saveBlobUrl', () => {
  it('saves the blob: URL under the file name, a taken name made unique, and returns the file', async () => {
    const { downloads, downloader } = setup();
    downloads.onStart = (id) => setTimeout(() => downloads.complete(id, 1234), 5);
    const started: number[] = [];
    const saved = await downloader.saveBlobUrl({
      blobUrl,
      fileName: 'cards.csv',
      onStarted: (id) => started.push(id),
    });

    expect(saved).toEqual({ downloadId: 1, path: '/downloads/cards.csv', bytes: 1234 });
    expect(started).toEqual([1]);
    expect(downloads.requests).toEqual([
      { url: blobUrl, filename: 'cards.csv', conflictAction: 'uniquify', saveAs: false },
    ]);
    expect(downloads.listenerCount).toBe(0);
  });

  it('sees a save that finished before download() resolved', async () => {
    const { downloads, save } = setup();
    downloads.onStart = (id) => downloads.complete(id, 10);
    expect((await save()).bytes).toBe(10);
  });

  it('notices an end whose event it missed, by looking at the download now and then', async () => {
    vi.useFakeTimers();
    try {
      const { downloads, save } = setup();
      const saving = save();
      await vi.advanceTimersByTimeAsync(0);
      const item = downloads.items.get(1);
      if (!item) throw new Error('no download');
      downloads.items.set(1, { ...item, state: 'complete', fileSize: 42, bytesReceived: 42 });
      await vi.advanceTimersByTimeAsync(500);
      expect((await saving).bytes).toBe(42);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['FILE_NO_SPACE', 'disk', /^The file could not be saved: the disk is full\./],
    ['FILE_ACCESS_DENIED', 'disk', /may not write/],
    ['FILE_BLOCKED', 'disk', /blocked/],
    ['FILE_SOMETHING_NEW', 'disk', /the browser reported FILE_SOMETHING_NEW/],
    ['USER_CANCELED', 'aborted', /^The download was cancelled\.$/],
    [
      'NETWORK_FAILED',
      'network',
      /^The browser stopped saving the file \(NETWORK_FAILED\)\. Try again\.$/,
    ],
  ])(
    'turns the browser’s %s into a %s error and removes the partial file',
    async (reason, kind, message) => {
      const { downloads, save } = setup();
      downloads.onStart = (id) => setTimeout(() => downloads.interrupt(id, reason), 5);
      const error = await failure(save());
      expect(error.kind).toBe(kind);
      expect(error.message).toMatch(message);
      expect(downloads.erased).toEqual([1]);
      expect(downloads.items.size).toBe(0);
    },
  );

  it('cancels the save when the signal aborts, and leaves nothing behind', async () => {
    const { downloads, save } = setup();
    const controller = new AbortController();
    downloads.onStart = () => setTimeout(() => controller.abort(), 5);
    const error = await failure(save(controller.signal));
    expect(error.toInfo()).toEqual({ kind: 'aborted', message: 'Cancelled.' });
    expect(downloads.cancelled).toContain(1);
    expect(downloads.items.size).toBe(0);
    expect(downloads.listenerCount).toBe(0);
  });

  it('starts nothing for a job already cancelled', async () => {
    const { downloads, save } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(save(controller.signal)).rejects.toThrow();
    expect(downloads.requests).toEqual([]);
    expect(downloads.listenerCount).toBe(0);
  });

  it('says so when the browser refuses to start the download', async () => {
    const { downloads, save } = setup();
    downloads.failStart = new Error('Invalid filename');
    const error = await failure(save());
    expect(error.kind).toBe('disk');
    expect(error.message).toBe('The browser would not start the download: Invalid filename');
    expect(downloads.listenerCount).toBe(0);
  });
});

describe('downloader.discard', () => {
  it('stops a save still under way (one no worker follows any more) and removes its partial file', async () => {
    const { downloads, downloader } = setup();
    await downloads.download({ url: blobUrl, filename: 'cards.csv' });
    await downloader.discard(1);
    expect(downloads.cancelled).toEqual([1]);
    expect(downloads.removedFiles).toEqual([]);
    expect(downloads.erased).toEqual([1]);
  });

  it('deletes the file of a save that completed', async () => {
    const { downloads, downloader, save } = setup();
    downloads.onStart = (id) => downloads.complete(id, 10);
    await save();
    await downloader.discard(1);
    expect(downloads.removedFiles).toEqual([1]);
    expect(downloads.erased).toEqual([1]);
  });

  it('lets a download the browser no longer has be', async () => {
    const { downloads, downloader } = setup();
    await expect(downloader.discard(7)).resolves.toBeUndefined();
    expect(downloads.removedFiles).toEqual([]);
  });
});
