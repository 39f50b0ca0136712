import { describe, expect, it, vi } from 'vitest';
import { createReportingClient } from '../../api/reportingClient';
import { LeanKitError } from '../../errors';
import { chooseRoute, createDownloader } from '../downloads';
import { FakeDownloads } from './fakeDownloads';

const url = 'https://acme.leankit.com/io/reporting/export/cards?format=csv';

/** An answer whose chunked framing lets the browser check the download's end itself. */
const chunked = (body = 'ok') =>
  new Response(body, { headers: { 'transfer-encoding': 'chunked', 'content-type': 'text/csv' } });

function setup(serverAnswer: () => Promise<Response> = async () => chunked()) {
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

describe('chooseRoute', () => {
  it.each([
    ['csv', true, 'processed'],
    ['tab', true, 'processed'],
    ['json', true, 'direct'],
    ['csv', false, 'direct'],
    ['tab', false, 'direct'],
    ['json', false, 'direct'],
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
  ] as const)(
    '%s with Excel-friendly %s and the recipe %j goes %s',
    (format, excelFriendly, recipe, route) => {
      expect(chooseRoute(format, excelFriendly, recipe)).toBe(route);
    },
  );

  it('refuses JSON with columns or filters, which apply to CSV and TAB rows only', () => {
    expect(() => chooseRoute('json', false, columns)).toThrow(
      new LeanKitError('bad-request', 'Columns and filters work with CSV and TAB exports.'),
    );
  });
});

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

  it.each([
    ['a web page', 'text/html', 'unexpected-answer', /sent a web page instead of the report/],
    ['a JSON notice', 'application/json', 'unexpected-answer', /sent a JSON message/],
  ])(
    'fails a completed download that is %s, and removes its file',
    async (_name, mime, kind, message) => {
      const { downloads, downloader, fetch, source } = setup();
      downloads.onStart = (id) => setTimeout(() => downloads.complete(id, 274, { mime }), 5);
      const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
      expect([error.kind, error.message]).toEqual([kind, expect.stringMatching(message)]);
      expect(downloads.removedFiles).toEqual([1]);
      expect(downloads.erased).toEqual([1]);
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it('fails a completed download shorter than its declared length, and removes its file', async () => {
    const { downloads, downloader, source } = setup();
    downloads.onStart = (id) =>
      setTimeout(() => downloads.complete(id, 3000, { totalBytes: 49_525, mime: 'text/csv' }), 5);
    const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
    expect(error.kind).toBe('incomplete');
    expect(downloads.removedFiles).toEqual([1]);
  });

  it('confirms an unframed download by reading a second answer: the same length and a line end', async () => {
    const whole = 'a,b\r\nc,d\r\n';
    const { downloads, downloader, fetch, source } = setup(async () => new Response(whole));
    downloads.onStart = (id) => setTimeout(() => downloads.complete(id, whole.length), 5);
    const saved = await downloader.save({ source: source('t'), fileName: 'cards.csv' });
    expect(saved.bytes).toBe(whole.length);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(downloads.removedFiles).toEqual([]);
  });

  it('fails an unframed download that a second answer shows to be cut short', async () => {
    const { downloads, downloader, source } = setup(async () => new Response('a,b\r\nc,d\r\n'));
    downloads.onStart = (id) => setTimeout(() => downloads.complete(id, 7), 5);
    const error = await failure(downloader.save({ source: source('t'), fileName: 'cards.csv' }));
    expect(error.kind).toBe('incomplete');
    expect(downloads.removedFiles).toEqual([1]);
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

  describe('a download that stops arriving', () => {
    const stalledFor = async (
      steps: ((downloads: FakeDownloads) => void)[],
      stallTimeoutMs = 3000,
    ) => {
      vi.useFakeTimers();
      try {
        const { downloads, downloader, source } = setup();
        const saving = downloader
          .save({ source: source('t'), fileName: 'cards.csv', stallTimeoutMs })
          .then(
            () => undefined,
            (e: unknown) => e as LeanKitError,
          );
        for (const step of steps) {
          step(downloads);
          await vi.advanceTimersByTimeAsync(500);
        }
        return { downloads, outcome: await Promise.race([saving, 'still running' as const]) };
      } finally {
        vi.useRealTimers();
      }
    };
    const wait = () => {};

    it('is cancelled once no byte came for the stall time, its partial file removed, with the timeout error', async () => {
      const { downloads, outcome } = await stalledFor([
        (d) => d.progress(1, 100),
        wait,
        wait,
        wait,
        wait,
        wait,
        wait,
        wait,
      ]);
      expect(outcome).toBeInstanceOf(LeanKitError);
      expect((outcome as LeanKitError).toInfo()).toEqual({
        kind: 'timeout',
        message:
          'acme.leankit.com sent nothing for 3 seconds. Check your connection and try again; if it keeps happening, LeanKit may be overloaded: try again later.',
      });
      expect(downloads.cancelled).toContain(1);
      expect(downloads.erased).toContain(1);
    });

    it('counts a download that never received a byte (no headers yet) as stalled', async () => {
      const { outcome } = await stalledFor(Array.from({ length: 8 }, () => wait));
      expect((outcome as LeanKitError).kind).toBe('timeout');
    });

    it('goes on while bytes keep coming, however slowly', async () => {
      const { downloads, outcome } = await stalledFor(
        Array.from({ length: 12 }, (_, i) => (d: FakeDownloads) => d.progress(1, (i + 1) * 10)),
        1000,
      );
      expect(outcome).toBe('still running');
      expect(downloads.cancelled).toEqual([]);
    });

    it('never gives up on a download the user paused', async () => {
      const paused = (d: FakeDownloads) => {
        const item = d.items.get(1);
        if (item) d.items.set(1, { ...item, paused: true });
      };
      const { downloads, outcome } = await stalledFor(Array.from({ length: 8 }, () => paused));
      expect(outcome).toBe('still running');
      expect(downloads.cancelled).toEqual([]);
    });

    it.each([
      ['the stall time passes', undefined, 'timeout'],
      ['the user cancels', 'cancel', 'aborted'],
    ] as const)(
      'gives up on a download the browser has not started (no headers yet) when %s, and removes it if it starts later',
      async (_, cancel, kind) => {
        vi.useFakeTimers();
        try {
          const { downloads, downloader, source } = setup();
          let started: (id: number) => void = () => undefined;
          const download = downloads.download;
          // Chrome resolves download() only once the server's headers came.
          downloads.download = (options) =>
            new Promise((resolve) => {
              started = (id) => resolve(id);
              void download(options);
            });
          const controller = new AbortController();
          const saving = downloader
            .save({
              source: source('t'),
              fileName: 'cards.csv',
              signal: controller.signal,
              stallTimeoutMs: 3000,
            })
            .catch((e: unknown) => e as LeanKitError);
          if (cancel) controller.abort();
          else await vi.advanceTimersByTimeAsync(3000);
          expect(((await saving) as LeanKitError).kind).toBe(kind);
          expect(downloads.listenerCount).toBe(0);

          started(1);
          await vi.advanceTimersByTimeAsync(0);
          expect(downloads.cancelled).toEqual([1]);
          expect(downloads.erased).toEqual([1]);
        } finally {
          vi.useRealTimers();
        }
      },
    );

    it('is never timed out without a stall time', async () => {
      vi.useFakeTimers();
      try {
        const { downloads, downloader, source } = setup();
        void downloader.save({ source: source('t'), fileName: 'cards.csv' });
        await vi.advanceTimersByTimeAsync(600_000);
        expect(downloads.cancelled).toEqual([]);
      } finally {
        vi.useRealTimers();
      }
    });
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
