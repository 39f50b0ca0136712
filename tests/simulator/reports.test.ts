// @vitest-environment node
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedFormat } from '../../lib/formats';
import { REPORTS, type Report } from '../../lib/reports';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

type JsonRow = Record<string, string | number | boolean | null>;

const CONTENT_TYPES: Record<ServedFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  tab: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
const FORMATS: ServedFormat[] = ['csv', 'tab', 'json'];
const TRANSPORTS = ['header', 'query'] as const;

let sim: Simulator;
let fetch: typeof globalThis.fetch;
let token: string;
/** Each report's whole JSON export, fetched once. */
const wholeJson = new Map<string, JsonRow[]>();

beforeAll(async () => {
  sim = await startSimulator({ boards: 3, cardsPerBoard: 30 });
  fetch = simulatorFetch(sim);
  token = await signIn(fetch, sim);
  for (const report of REPORTS) {
    const response = await fetch(`${EXPORT_URL}/${report.path}.json`, bearer(token));
    wholeJson.set(report.id, (await response.json()) as JsonRow[]);
  }
});
afterAll(() => sim.close());

function parseDelimited(body: string, format: 'csv' | 'tab'): string[][] {
  if (format === 'tab')
    return body
      .slice(0, -2)
      .split('\r\n')
      .map((line) => line.split('\t'));
  const result = Papa.parse<string[]>(body, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

/** A JSON row as CSV/TAB cells: null as empty, the rest as text (TAB turns tabs/breaks into spaces). */
function asCells(report: Report, row: JsonRow, format: 'csv' | 'tab'): string[] {
  return report.columns.map(({ id }) => {
    const text = row[id] === null ? '' : String(row[id]);
    return format === 'tab' ? text.replace(/[\t\r\n]/g, ' ') : text;
  });
}

const CASES = REPORTS.flatMap((report) =>
  FORMATS.flatMap((format) =>
    TRANSPORTS.map((transport) => [report.path, format, transport, report] as const),
  ),
);

describe('every report × format × token transport', () => {
  it.each(CASES)('%s as %s, token in the %s', async (path, format, transport, report) => {
    const url = `${EXPORT_URL}/${path}.${format}`;
    const response =
      transport === 'header'
        ? await fetch(url, bearer(token))
        : await fetch(`${url}?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(CONTENT_TYPES[format]);
    const body = await response.text();
    const rows = wholeJson.get(report.id) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    if (format === 'json') {
      expect(JSON.parse(body)).toEqual(rows);
      for (const row of rows) expect(Object.keys(row)).toEqual(report.columns.map((c) => c.id));
    } else {
      const [header, ...cells] = parseDelimited(body, format);
      expect(header).toEqual(report.columns.map((column) => column.id));
      expect(cells).toEqual(rows.map((row) => asCells(report, row, format)));
    }
    const logged = sim.requests.findLast(
      (entry) => entry.path === `/io/reporting/export/${path}.${format}`,
    );
    expect(logged?.tokenTransport).toBe(transport);
  });

  it.each(REPORTS.map((report) => [report.path, report] as const))(
    '%s: values have their declared types and date forms',
    (_, report) => {
      const rows = wholeJson.get(report.id) ?? [];
      for (const column of report.columns) {
        const check = {
          string: (value: unknown) => typeof value === 'string',
          int: (value: unknown) => Number.isInteger(value),
          bool: (value: unknown) => typeof value === 'boolean',
          date: (value: unknown) => /^\d{4}-\d\d-\d\d$/.test(String(value)),
          datetime: (value: unknown) =>
            /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{7}$/.test(String(value)),
        }[column.type];
        const values = rows.map((row) => row[column.id]).filter((value) => value !== null);
        expect(values.every(check), column.id).toBe(true);
      }
    },
  );
});

describe('paging', () => {
  const PAGE = 40;

  it.each(
    REPORTS.flatMap((report) => (['csv', 'json'] as const).map((f) => [report.path, f] as const)),
  )('%s as %s: pages concatenated equal the whole export', async (path, format) => {
    const whole = await (await fetch(`${EXPORT_URL}/${path}.${format}`, bearer(token))).text();
    const pages: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const url = `${EXPORT_URL}/${path}.${format}?limit=${PAGE}&offset=${offset}`;
      const response = await fetch(url, bearer(token));
      expect(response.status).toBe(200);
      const page = await response.text();
      const rows = format === 'json' ? (JSON.parse(page) as unknown[]).length : 0;
      pages.push(page);
      if (format === 'json' ? rows < PAGE : parseDelimited(page, 'csv').length - 1 < PAGE) break;
    }
    if (format === 'json') {
      // Each page is its own array.
      expect(pages.flatMap((page) => JSON.parse(page) as unknown[])).toEqual(JSON.parse(whole));
    } else {
      const [header, ...rows] = parseDelimited(whole, 'csv');
      const pageRows = pages.flatMap((page) => {
        const [pageHeader, ...data] = parseDelimited(page, 'csv');
        expect(pageHeader).toEqual(header);
        return data;
      });
      expect(pageRows).toEqual(rows);
    }
  });

  it('an offset past the end gives an empty page, and a board filter pages within the boards', async () => {
    const all = wholeJson.get('cards') ?? [];
    const beyond = await fetch(`${EXPORT_URL}/cards.json?offset=${all.length}`, bearer(token));
    expect(await beyond.json()).toEqual([]);
    const [first, , third] = sim.boards;
    const url = `${EXPORT_URL}/cards.json?boardId=${first?.id},${third?.id}&offset=25&limit=10`;
    const page = (await (await fetch(url, bearer(token))).json()) as JsonRow[];
    const expected = all
      .filter((row) => row.currentBoardId === first?.id || row.currentBoardId === third?.id)
      .slice(25, 35);
    expect(page).toEqual(expected);
  });
});
