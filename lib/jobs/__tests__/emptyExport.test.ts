import { describe, expect, it } from 'vitest';
import { createReportingClient, type ReportingClient } from '../../api/reportingClient';
import { findReport, type Report } from '../../reports';
import { hasDataRows, isEmptyDirectExport, mightBeEmpty } from '../emptyExport';

describe('hasDataRows', () => {
  it.each([
    ['cardId,title\n', 'csv', false],
    ['cardId,title\r\n', 'csv', false],
    ['cardId\ttitle', 'tab', false],
    ['cardId,title\n1,Fix it\n', 'csv', true],
    ['cardId\ttitle\r\n1\tFix it', 'tab', true],
    ['[]', 'json', false],
    [' [ ]\n', 'json', false],
    ['\uFEFF[]', 'json', false],
    ['[{"cardId":"1"}]', 'json', true],
  ] as const)('%j as %s → %s', (text, format, expected) => {
    expect(hasDataRows(text, format)).toBe(expected);
  });
});

describe('mightBeEmpty', () => {
  const cards = findReport('cards') as Report;
  const header = cards.columns.map((column) => column.id).join(',');

  it('checks a CSV no bigger than a header row, not one with a row of data', () => {
    expect(mightBeEmpty(Buffer.byteLength(`${header}\r\n`), 'csv', cards)).toBe(true);
    const quotedLabels = cards.columns.map((column) => `"${column.id} x"`).join(',');
    expect(mightBeEmpty(Buffer.byteLength(`${quotedLabels}\r\n`), 'tab', cards)).toBe(true);
    expect(mightBeEmpty(Buffer.byteLength(`${header}\n`) * 3, 'csv', cards)).toBe(false);
  });

  it('checks a JSON file as small as an empty array, not more', () => {
    expect(mightBeEmpty(2, 'json', cards)).toBe(true);
    expect(mightBeEmpty(200, 'json', cards)).toBe(false);
  });
});

describe('isEmptyDirectExport', () => {
  const header = `${(findReport('cards') as Report).columns.map((column) => column.id).join(',')}\r\n`;
  const job = { reportId: 'cards', format: 'csv' as const, boardIds: ['7'] };
  const clientAnswering = (answer: (url: URL) => Response) => {
    const asked: URL[] = [];
    const client = createReportingClient({
      fetch: async (input) => {
        const url = new URL(String(input));
        asked.push(url);
        return answer(url);
      },
      origin: 'https://acme.leankit.com',
    });
    return { client, asked };
  };
  const check = (client: ReportingClient, bytes = Buffer.byteLength(header)) =>
    isEmptyDirectExport({ client, token: 't', job, bytes, stallTimeoutMs: 50 });

  it('asks LeanKit for the first row of the same export, and finds none', async () => {
    const { client, asked } = clientAnswering(() => new Response(header));
    expect(await check(client)).toBe(true);
    expect(asked.map((url) => url.search)).toEqual(['?format=csv&boardId=7&offset=0&limit=1']);
  });

  it('finds a row, and asks nothing about a file too big to be empty', async () => {
    const { client, asked } = clientAnswering(() => new Response(`${header}1,Fix it\r\n`));
    expect(await check(client)).toBe(false);
    expect(await check(client, 10_000)).toBe(false);
    expect(asked).toHaveLength(1);
  });

  it('does not call a file empty when LeanKit refuses to say', async () => {
    const { client } = clientAnswering(() => new Response('', { status: 503 }));
    expect(await check(client)).toBe(false);
  });

  it.each([
    ['never sends its headers', () => new Promise<Response>(() => {})],
    [
      'sends its headers and then nothing',
      () => new Response(new ReadableStream({ pull: () => new Promise<void>(() => {}) })),
    ],
  ])('gives up, not knowing (false), on an answer that %s', async (_name, answer) => {
    const aborted: boolean[] = [];
    const client = createReportingClient({
      fetch: (_input, init) => {
        init?.signal?.addEventListener('abort', () => aborted.push(true));
        return Promise.resolve(answer());
      },
      origin: 'https://acme.leankit.com',
    });
    expect(await check(client)).toBe(false);
    // The request is closed, not left open.
    expect(aborted).toEqual([true]);
  });
});
