import { describe, expect, it, vi } from 'vitest';
import { createReportingClient } from '../../api/reportingClient';
import { LeanKitError } from '../../errors';
import { createDownloader } from '../downloads';
import { FakeDownloads } from './fakeDownloads';

const url = 'https://acme.leankit.com/io/reporting/export/cards?format=csv';

function setup(serverAnswer: () => Promise<Response> = async () => new Response('ok')) {
  const downloads = new FakeDownloads();
  const fetch = vi.fn(serverAnswer);
  const downloader = createDownloader({ downloads });
  const client = createReportingClient({
    fetch: fetch as typeof globalThis.fetch,
    origin: 'https://acme.leankit.com',
  });
  const source = (token: string) =>
    client.exportSource(token, { reportId: 'cards', format: 'csv', boardIds: [] });
  return { downloads, fetch, downloader, source };
}

async function failure(promise: Promise<unknown>): Promise<LeanKitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeanKitError);
  return error as LeanKitError;
}

describe('downloader.save', () => {
  it('downloads the URL with the token in a header, never in the URL, and returns the file', async () => {
    const { downloads, downloader, source } = setup();
    downloads.onStart = (id) => setTimeout(() => downloads.complete(id, 1234), 5);
    const saved = await downloader.save({ source: source('secret-token'), fileName: 'cards.csv' });

    expect(saved).toEqual({ downloadId: 1, path: '/downloads/cards.csv', bytes: 1234 });
    const [request] = downloads.requests;
    expect(request?.url).toBe(url);
    expect(request?.url).not.toContain('secret-token');
    expect(request?.filename).toBe('cards.csv');
    expect(request?.headers).toEqual([{ name: 'Authorization', value: 'Bearer secret-token' }]);
    expect(request?.saveAs).toBe(false);
    expect(downloads.listenerCount).toBe(0);
  });

  it('sees a download that finished before download() resolved', async () => {
    const { downloads, downloader, source } = setup();
    downloads.onStart = (id) => downloads.complete(id, 10);
    const saved = await downloader.save({ source: source('t'), fileName: 'cards.csv' });
    expect(saved.bytes).toBe(10);
  });

  it('reports progress while the file downloads', async () => {
    vi.useFakeTimers();
    try {
      const { downloads, downloader, source } = setup();
      const progress: number[] = [];
      const saving = downloader.save({
        source: source('t'),
        fileName: 'cards.csv',
        onProgress: (bytes) => progress.push(bytes),
      });
      await vi.advanceTimersByTimeAsync(0);
      downloads.progress(1, 500);
      await vi.advanceTimersByTimeAsync(500);
      downloads.progress(1, 900);
      await vi.advanceTimersByTimeAsync(500);
      downloads.complete(1, 1000);
      await vi.advanceTimersByTimeAsync(0);
      await saving;
      expect(progress).toEqual([500, 900]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('explains a server failure with LeanKit’s own answer and removes the partial download', async () => {
    const { downloads, downloader, fetch, source } = setup(
      async () =>
        new Response(
          JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Invalid token' }),
          { status: 401 },
        ),
    );
    downloads.onStart = (id) => setTimeout(() => downloads.interrupt(id, 'SERVER_UNAUTHORIZED'), 5);
    const error = await failure(downloader.save({ source: source('old'), fileName: 'cards.csv' }));

    expect(error.kind).toBe('token-expired');
    expect(fetch).toHaveBeenCalledWith(
      url,
      expect.objectContaining({ headers: { Authorization: 'Bearer old' }, credentials: 'omit' }),
    );
    expect(downloads.cancelled).toContain(1);
    expect(downloads.erased).toContain(1);
  });

  it('passes on the server’s Retry-After when it explains a failed download', async () => {
    const { downloads, downloader, source } = setup(
      async () => new Response('', { status: 503, headers: { 'Retry-After': '30' } }),
    );
    downloads.onStart = (id) => setTimeout(() => downloads.interrupt(id, 'SERVER_FAILED'), 5);
    const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
    expect(error.kind).toBe('server');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('blames the server, not the connection, when the server failed and asking again fails too', async () => {
    // Chrome throttles an extension's requests after repeated 503s: the second ask never answers.
    const { downloads, downloader, source } = setup(async () => {
      throw new TypeError('Failed to fetch');
    });
    downloads.onStart = (id) => setTimeout(() => downloads.interrupt(id, 'SERVER_FAILED'), 5);
    const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
    expect(error.kind).toBe('server');
    // Worded as when LeanKit's own answer is read: one wording for a server failure.
    expect(error.message).toBe('LeanKit had a problem answering. Try again in a few minutes.');
    expect(downloads.erased).toContain(1);
  });

  it.each([
    ['FILE_NO_SPACE', 'disk', /disk is full/],
    ['FILE_ACCESS_DENIED', 'disk', /may not write/],
    ['FILE_BLOCKED', 'disk', /blocked/],
    ['NETWORK_FAILED', 'network', /connection to acme.leankit.com broke/],
    ['USER_CANCELED', 'aborted', /cancelled/],
  ])('turns the browser’s %s into a %s error', async (reason, kind, message) => {
    const { downloads, downloader, source } = setup();
    downloads.onStart = (id) => setTimeout(() => downloads.interrupt(id, reason), 5);
    const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(downloads.erased).toContain(1);
  });

  it.each([
    ['completed', 'https://evil.example.com/io/reporting/export/cards?format=csv', 'complete'],
    ['completed', 'https://other.leankit.com/io/reporting/export/cards?format=csv', 'complete'],
    ['completed', 'https://acme.leankit.com/elsewhere', 'complete'],
    ['broken', 'https://evil.example.com/io/reporting/export/cards?format=csv', 'interrupt'],
  ] as const)(
    'fails a %s download that was redirected to %s, and removes it',
    async (_, finalUrl, end) => {
      const { downloads, downloader, source, fetch } = setup();
      downloads.onStart = (id) =>
        setTimeout(() => {
          downloads.redirect(id, finalUrl);
          if (end === 'complete') downloads.complete(id, 21);
          else downloads.interrupt(id, 'NETWORK_FAILED');
        }, 5);
      const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
      expect(error.kind).toBe('redirected');
      expect(error.message).toMatch(/^acme\.leankit\.com sent the request on to another address\./);
      expect(downloads.erased).toEqual([1]);
      expect(downloads.removedFiles).toEqual(end === 'complete' ? [1] : []);
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it('keeps a download that ended where it was asked for', async () => {
    const { downloads, downloader, source } = setup();
    downloads.onStart = (id) =>
      setTimeout(() => {
        downloads.redirect(id, url);
        downloads.complete(id, 21);
      }, 5);
    const saved = await downloader.save({ source: source('t'), fileName: 'cards.csv' });
    expect(saved.bytes).toBe(21);
    expect(downloads.erased).toEqual([]);
  });

  it('cancels the download when the signal aborts', async () => {
    const { downloads, downloader, source } = setup();
    const controller = new AbortController();
    downloads.onStart = () => setTimeout(() => controller.abort(), 5);
    const error = await failure(
      downloader.save({ source: source('t'), fileName: 'cards.csv', signal: controller.signal }),
    );
    expect(error.kind).toBe('aborted');
    expect(downloads.cancelled).toContain(1);
    expect(downloads.items.size).toBe(0);
  });

  it('says so when the browser refuses to start the download', async () => {
    const { downloads, downloader, source } = setup();
    downloads.failStart = new Error('Invalid filename');
    const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
    expect(error.kind).toBe('disk');
    expect(error.message).toContain('Invalid filename');
    expect(downloads.listenerCount).toBe(0);
  });
});
