// @vitest-environment node

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { createReportingClient } from '../../api/reportingClient';
import { LeanKitError } from '../../errors';
import { readCustomFieldColumns } from '../customFieldColumns';

let sim: Simulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 10 });
  const client = createReportingClient({
    fetch: simulatorFetch(sim),
    origin: 'https://acme.leankit.com',
  });
  ({ token } = await client.signIn({
    email: sim.demo.email,
    password: sim.demo.password,
    accountName: 'acme',
  }));
});
afterAll(() => sim.close());

/** A sink that keeps what it was given, standing in for the pipeline's readCustomFields(). */
function textSink() {
  const pieces: string[] = [];
  return { pieces, push: (text: string) => void pieces.push(text), table: () => pieces.join('') };
}

function clientWith(change?: (response: Response, url: URL) => Response | Promise<Response>) {
  const base = simulatorFetch(sim);
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    urls.push(url.href);
    const response = await base(input, init);
    return change ? change(response, url) : response;
  };
  return { client: createReportingClient({ fetch, origin: 'https://acme.leankit.com' }), urls };
}

async function served(query: string): Promise<string> {
  const response = await simulatorFetch(sim)(
    `https://acme.leankit.com/io/reporting/export/customfields?${query}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return response.text();
}

const read = (
  client: ReturnType<typeof clientWith>['client'],
  sink = textSink(),
  boardIds: string[] = [],
) =>
  readCustomFieldColumns({
    client,
    token,
    boardIds,
    sink,
    signal: new AbortController().signal,
    stallTimeoutMs: 5000,
  });

describe('readCustomFieldColumns', () => {
  it('streams the customfields report of the export’s boards into the sink and returns its table', async () => {
    const board = sim.boards[0]?.id ?? '';
    const { client, urls } = clientWith();
    const sink = textSink();
    const table = await read(client, sink, [board]);
    expect(urls).toEqual([
      `https://acme.leankit.com/io/reporting/export/customfields?format=csv&boardId=${board}`,
    ]);
    const expected = await served(`format=csv&boardId=${board}`);
    expect(expected.split('\n').length).toBeGreaterThan(2);
    expect(table).toBe(expected);
  });

  it('asks for every board when the export has none chosen', async () => {
    const { client, urls } = clientWith();
    expect(await read(client)).toBe(await served('format=csv'));
    expect(urls).toEqual(['https://acme.leankit.com/io/reporting/export/customfields?format=csv']);
  });

  it('fails as any export request does when LeanKit refuses (retried by the job)', async () => {
    const { client } = clientWith(
      () =>
        new Response(
          JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'Busy' }),
          { status: 503, headers: { 'Retry-After': '2' } },
        ),
    );
    const failure = await read(client).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LeanKitError);
    expect(failure).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 2000 });
  });

  it('refuses an answer that is not CSV, pushing nothing', async () => {
    const { client } = clientWith(
      () => new Response('<html>Sign in</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const sink = textSink();
    await expect(read(client, sink)).rejects.toMatchObject({ kind: 'unexpected-answer' });
    expect(sink.pieces).toEqual([]);
  });

  it.each([
    ['stops mid-row', (text: string) => text.slice(0, text.length - 5)],
    ['is shorter than declared', (text: string) => text],
  ])('fails as incomplete when the body %s', async (name, cut) => {
    const { client } = clientWith(async (response) => {
      const text = await response.text();
      const headers = new Headers(response.headers);
      if (name === 'is shorter than declared')
        headers.set('content-length', String(Buffer.byteLength(text) + 10));
      else headers.delete('content-length');
      return new Response(cut(text), { headers });
    });
    await expect(read(client)).rejects.toMatchObject({ kind: 'incomplete' });
  });

  it('fails as a network error when the connection breaks mid-body', async () => {
    const { client } = clientWith(async (response) => {
      const bytes = new Uint8Array(await response.arrayBuffer());
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) return controller.error(new TypeError('network error'));
          sent = true;
          controller.enqueue(bytes.slice(0, 20));
        },
      });
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(body, { headers });
    });
    await expect(read(client)).rejects.toMatchObject({
      kind: 'network',
      message:
        'The connection to acme.leankit.com broke during the download. Check your connection and try again.',
    });
  });

  it('stops when the job is cancelled', async () => {
    const { client } = clientWith();
    const controller = new AbortController();
    controller.abort();
    await expect(
      readCustomFieldColumns({
        client,
        token,
        boardIds: [],
        sink: textSink(),
        signal: controller.signal,
        stallTimeoutMs: 5000,
      }),
    ).rejects.toMatchObject({ kind: 'aborted' });
  });
});
