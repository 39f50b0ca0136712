// @vitest-environment node
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findReport } from '../../lib/reports';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { ORIGIN } from './testing';

type JsonRow = Record<string, string | number | boolean | null>;

const CARD_IDS = findReport('cards')?.columns.map((column) => column.id) ?? [];
const HEALTH = { report: 'cards', name: 'cardHealth', after: 'cardTitle' };

let sim: Simulator;
let plain: Simulator;
let fetch: typeof globalThis.fetch;
beforeAll(async () => {
  [sim, plain] = await Promise.all([startSimulator(), startSimulator()]);
  fetch = simulatorFetch(sim);
});
afterEach(() => sim.extraColumns.clear());
afterAll(() => Promise.all([sim.close(), plain.close()]));

async function body(of: Simulator, pathAndQuery: string): Promise<string> {
  return (await of.body(`/io/reporting/export/${pathAndQuery}`)).toString('utf8');
}

function cells(text: string, format: 'csv' | 'tab'): string[][] {
  if (format === 'tab')
    return text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split('\t'));
  const { data, errors } = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(errors).toEqual([]);
  return data;
}

/** The rows without the column at `at`. */
function without(rows: string[][], at: number): string[][] {
  return rows.map((row) => row.filter((_, i) => i !== at));
}

const admin = (method: string, json?: unknown): Promise<Response> =>
  fetch(`${ORIGIN}/__simulator/extra-columns`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: typeof json === 'string' ? json : JSON.stringify(json) }),
  });

describe('a column LeanKit added after our catalogue', () => {
  it.each(['csv', 'tab'] as const)(
    '%s: in the header right after the column named, with a value in every row, the rest as before',
    async (format) => {
      sim.extraColumns.add(HEALTH);
      const [header = [], ...rows] = cells(await body(sim, `cards?format=${format}`), format);
      const at = CARD_IDS.indexOf('cardTitle') + 1;
      expect(header).toEqual([...CARD_IDS.slice(0, at), 'cardHealth', ...CARD_IDS.slice(at)]);
      expect(without(rows, at)).toEqual(
        cells(await body(plain, `cards?format=${format}`), format).slice(1),
      );
      // Text of every kind: a formula to guard, quotes and a comma, a line break, empty cells.
      const values = new Set(rows.map((row) => row[at]));
      expect(values).toContain('=needs review');
      expect(values).toContain('late, "very"');
      expect(values).toContain('');
      expect(values).toContain(format === 'csv' ? 'waiting\r\non review' : 'waiting  on review');
    },
  );

  it('JSON: every object has the key, in the same place, with the CSV’s values (null for empty)', async () => {
    sim.extraColumns.add(HEALTH);
    const objects = JSON.parse(await body(sim, 'cards.json')) as JsonRow[];
    const [, ...rows] = cells(await body(sim, 'cards.csv'), 'csv');
    const at = CARD_IDS.indexOf('cardTitle') + 1;
    expect(objects.length).toBe(rows.length);
    objects.forEach((object, i) => {
      expect(Object.keys(object)).toEqual([
        ...CARD_IDS.slice(0, at),
        'cardHealth',
        ...CARD_IDS.slice(at),
      ]);
      expect(object.cardHealth ?? '').toBe(rows[i]?.[at]);
    });
    expect(objects.some((object) => object.cardHealth === null)).toBe(true);
  });

  it('keeps each row’s value from page to page, and leaves other reports alone', async () => {
    sim.extraColumns.add(HEALTH);
    const whole = JSON.parse(await body(sim, 'cards.json')) as JsonRow[];
    const page = JSON.parse(await body(sim, 'cards.json?limit=10&offset=25')) as JsonRow[];
    expect(page).toEqual(whole.slice(25, 35));
    expect(await body(sim, 'cards/blockedhistory.csv')).toBe(
      await body(plain, 'cards/blockedhistory.csv'),
    );
  });

  it('goes last without `after`, after an earlier extra column when it names one, and under its label when LeanKit heads with labels', async () => {
    sim.extraColumns.add({ report: 'cards', name: 'riskScore' });
    sim.extraColumns.add({ report: 'cards', name: 'cardHealth', after: 'riskScore' });
    const [header = []] = cells(await body(sim, 'cards.csv?limit=1'), 'csv');
    expect(header).toEqual([...CARD_IDS, 'riskScore', 'cardHealth']);

    const labels = await startSimulator({ columnHeaders: 'labels' });
    try {
      labels.extraColumns.add(HEALTH);
      const [labelHeader = []] = cells(await body(labels, 'cards.csv?limit=1'), 'csv');
      expect(labelHeader.slice(3, 6)).toEqual(['Card Title', 'Card Health', 'Parent Card Title']);
    } finally {
      await labels.close();
    }
  });

  it.each([
    [{ report: 'nope', name: 'x' }, 'report must be the id of a report, e.g. "cards"'],
    [{ report: 'cards', name: '' }, 'name must be a column name'],
    [{ report: 'cards', name: 'cardTitle' }, 'The cards report already has a column "cardTitle"'],
    [
      { report: 'cards', name: 'x', after: 'laneTitle' },
      'after must be a column of the cards report',
    ],
  ])('refuses %j: %s', async (column, message) => {
    expect(() => sim.extraColumns.add(column)).toThrow(
      new TypeError(`Invalid extra column: ${message}`),
    );
    const response = await admin('POST', column);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(message);
    expect(await body(sim, 'cards.csv?limit=1')).toBe(await body(plain, 'cards.csv?limit=1'));
  });

  it('over HTTP: POST adds one, DELETE takes every one away, a body that is not an object gets 400', async () => {
    expect((await admin('POST', HEALTH)).status).toBe(200);
    expect(cells(await body(sim, 'cards.csv?limit=1'), 'csv')[0]).toContain('cardHealth');
    expect((await admin('DELETE')).status).toBe(200);
    expect(await body(sim, 'cards.csv?limit=1')).toBe(await body(plain, 'cards.csv?limit=1'));
    expect((await admin('POST', '[1]')).status).toBe(400);
    expect((await admin('POST', '{')).status).toBe(400);
  });
});
