// @vitest-environment node
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReport, REPORTS } from '../../lib/reports';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

type JsonRow = Record<string, string | number | boolean | null>;

const CARD_COLUMNS = findReport('cards')?.columns ?? [];
const CARD_IDS = CARD_COLUMNS.map((column) => column.id);
const CSV = 'text/csv; charset=utf-8';
const TAB = 'text/tab-separated-values; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

let sim: Simulator;
let fetch: typeof globalThis.fetch;
let token: string;

beforeAll(async () => {
  sim = await startSimulator();
  fetch = simulatorFetch(sim);
  token = await signIn(fetch, sim);
});
afterAll(() => sim.close());

async function get(pathAndQuery: string): Promise<Response> {
  return fetch(`${EXPORT_URL}/${pathAndQuery}`, bearer(token));
}

async function text(pathAndQuery: string): Promise<string> {
  const response = await get(pathAndQuery);
  expect(response.status).toBe(200);
  return response.text();
}

async function json(pathAndQuery: string): Promise<JsonRow[]> {
  return JSON.parse(await text(pathAndQuery)) as JsonRow[];
}

function parseCsv(body: string): string[][] {
  const result = Papa.parse<string[]>(body, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

/** A JSON row as CSV/TAB cells: null as empty, everything else as its text. */
function asCells(row: JsonRow): string[] {
  return CARD_IDS.map((id) => (row[id] === null ? '' : String(row[id])));
}

describe('format selection', () => {
  it.each([
    ['cards', CSV],
    ['cards?format=csv', CSV],
    ['cards.csv', CSV],
    ['cards?format=tab', TAB],
    ['cards.tab', TAB],
    ['cards?format=json', JSON_TYPE],
    ['cards.json', JSON_TYPE],
    ['cards.json?format=csv', JSON_TYPE],
    ['cards.tab?format=json', TAB],
  ])('%s is served as %s', async (path, contentType) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    await response.body?.cancel();
  });

  it('serves the same bytes with a Bearer header and with ?token=', async () => {
    const viaHeader = await text('cards.csv');
    const viaQuery = await (await fetch(`${EXPORT_URL}/cards.csv?token=${token}`)).text();
    expect(viaQuery).toBe(viaHeader);
  });

  it.each(['xml', 'xlsx'])(
    'answers the unknown format %s with 400 saying what is wrong',
    async (format) => {
      const response = await get(`cards?format=${format}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      const body = (await response.json()) as { message: string };
      expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
      expect(body.message).toContain(format);
    },
  );

  it.each(['cards.xml', 'nope', 'cards/extra', ''])(
    'answers export path %j with 404',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(
        '{"statusCode":404,"error":"Not Found","message":"Not Found"}',
      );
    },
  );
});

describe('CSV, TAB and JSON bodies', () => {
  it('CSV starts with the quoted column ids in catalogue order and ends every row with CRLF', async () => {
    const body = await text('cards.csv');
    const header = CARD_IDS.map((id) => `"${id}"`).join(',');
    expect(body.startsWith(`${header}\r\n`)).toBe(true);
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('CSV parses back to exactly the JSON export, nasty values included', async () => {
    const rows = await json('cards.json');
    for (const query of ['', '?quotedString=false']) {
      const [header, ...cells] = parseCsv(await text(`cards.csv${query}`));
      expect(header).toEqual(CARD_IDS);
      expect(cells).toEqual(rows.map(asCells));
    }
  });

  it('minimal quoting quotes only fields that need it', async () => {
    const body = await text('cards.csv?quotedString=false');
    expect(body.startsWith(`${CARD_IDS.join(',')}\r\n`)).toBe(true);
    expect(body).toContain(',"Fix login, then logout",');
    expect(body).toContain(',"Support ""quoted"" names in exports",');
    expect(body).toContain(',"Release notes\nline two of the title",');
    expect(body).toContain(',=SUM(A1:A9),');
  });

  it('titles include delimiters, quotes, line breaks, non-ASCII and formula prefixes', async () => {
    const titles = (await json('cards.json')).map((row) => String(row.cardTitle));
    for (const pattern of [/,/, /"/, /\n/, /\t/, /é/, /ü/, /日本/, /^=/, /^\+/, /^-/, /^@/]) {
      expect(titles.some((title) => pattern.test(title))).toBe(true);
    }
  });

  it('TAB has the same header, no quoting, and no tabs or line breaks inside values', async () => {
    const body = await text('cards.tab');
    const rows = await json('cards.json');
    expect(body.endsWith('\r\n')).toBe(true);
    const lines = body.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe(CARD_IDS.join('\t'));
    const cells = lines.slice(1).map((line) => line.split('\t'));
    expect(cells).toEqual(
      rows.map((row) => asCells(row).map((cell) => cell.replace(/[\t\r\n]/g, ' '))),
    );
    expect(body).toContain('\tSplit by tabs\t');
  });

  it('JSON is an array of objects keyed by column id with typed values', async () => {
    const rows = await json('cards.json');
    expect(rows).toHaveLength(3 * 40);
    for (const row of rows) expect(Object.keys(row)).toEqual(CARD_IDS);
    for (const column of CARD_COLUMNS) {
      const values = rows.map((row) => row[column.id]).filter((value) => value !== null);
      const check = {
        string: (value: unknown) => typeof value === 'string',
        int: (value: unknown) => Number.isInteger(value),
        bool: (value: unknown) => typeof value === 'boolean',
        date: (value: unknown) => /^\d{4}-\d\d-\d\d$/.test(String(value)),
        datetime: (value: unknown) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{7}$/.test(String(value)),
      }[column.type];
      expect(values.every(check), column.id).toBe(true);
    }
    for (const optional of ['parentCardId', 'plannedStartDate', 'archivedDate']) {
      expect(
        rows.some((row) => row[optional] === null),
        optional,
      ).toBe(true);
      expect(
        rows.some((row) => row[optional] !== null),
        optional,
      ).toBe(true);
    }
  });

  it('ids are numeric strings, card ids unique, and every card sits on one of the boards', async () => {
    const rows = await json('cards.json');
    const boards = new Map(sim.boards.map((board) => [board.id, board.title]));
    expect(new Set(rows.map((row) => row.cardId)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.cardId).toMatch(/^\d{10,11}$/);
      expect(boards.get(String(row.currentBoardId))).toBe(row.currentBoardTitle);
    }
    for (const board of sim.boards) expect(board.id).toMatch(/^\d{10,11}$/);
  });
});

describe('boardId', () => {
  const boardIdsOf = (rows: JsonRow[]): Set<unknown> =>
    new Set(rows.map((row) => row.currentBoardId));

  it('narrows to one board', async () => {
    const [first] = sim.boards;
    const rows = await json(`cards.json?boardId=${first?.id}`);
    expect(rows).toHaveLength(40);
    expect(boardIdsOf(rows)).toEqual(new Set([first?.id]));
  });

  it('narrows to a comma list, in board order', async () => {
    const [first, second, third] = sim.boards;
    const rows = await json(`cards.json?boardId=${third?.id},${first?.id}`);
    expect(rows).toHaveLength(80);
    expect(boardIdsOf(rows)).toEqual(new Set([first?.id, third?.id]));
    expect(rows[0]?.currentBoardId).toBe(first?.id);
    expect(boardIdsOf(rows).has(second?.id)).toBe(false);
  });

  it.each(['', '?boardId=0'])('means every board when %j', async (query) => {
    expect(await json(`cards.json${query}`)).toHaveLength(120);
  });

  it('returns an empty result for unknown boards', async () => {
    expect(await json('cards.json?boardId=123')).toEqual([]);
    expect(await text('cards.csv?boardId=123')).toBe(
      `${CARD_IDS.map((id) => `"${id}"`).join(',')}\r\n`,
    );
  });

  it.each(['abc', '12,x', '-1', '1.5'])('answers boardId=%s with 400', async (boardId) => {
    expect((await get(`cards?boardId=${boardId}`)).status).toBe(400);
  });
});

describe('paging and other parameters', () => {
  it('pages with limit and offset in a stable order', async () => {
    const all = await json('cards.json');
    const pages: JsonRow[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await json(`cards.json?limit=50&offset=${offset}`);
      pages.push(...page);
      if (page.length < 50) break;
    }
    expect(pages).toEqual(all);
  });

  it.each(['limit=-1', 'limit=x', 'offset=1.5', 'offset=-5', 'quotedString=maybe'])(
    'answers %s with 400',
    async (query) => {
      const response = await get(`cards?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('Bad Request');
    },
  );

  it('is GET only', async () => {
    const response = await fetch(`${EXPORT_URL}/cards`, { ...bearer(token), method: 'POST' });
    expect(response.status).toBe(404);
  });
});

describe('other reports', () => {
  it('boards lists the demo boards in order', async () => {
    const rows = await json('boards.json');
    expect(rows.map((row) => ({ id: row.boardId, title: row.boardTitle }))).toEqual(sim.boards);
  });

  it.each(REPORTS.map((report) => [report.path, report] as const))(
    '%s serves its catalogue columns',
    async (path, report) => {
      const ids = report.columns.map((column) => column.id);
      const [header] = parseCsv(await text(`${path}.csv?quotedString=false&limit=5`));
      expect(header).toEqual(ids);
      const rows = await json(`${path}.json?limit=5`);
      for (const row of rows) expect(Object.keys(row)).toEqual(ids);
      expect(rows.length).toBeGreaterThan(0);
    },
  );
});

describe('Simulator.body', () => {
  it.each(['cards.csv', 'cards?format=tab&boardId=0', 'lanes.json', 'cards?format=xml'])(
    'gives exactly the bytes a client receives for %s',
    async (path) => {
      const response = await get(path);
      const received = Buffer.from(await response.arrayBuffer());
      expect(received.equals(await sim.body(`/io/reporting/export/${path}`))).toBe(true);
    },
  );
});

describe('the cellText option', () => {
  let typed: Simulator;
  const cellText = { cardSize: '+1+1', plannedStartDate: '=HYPERLINK("x")', isCardBlocked: '@x' };
  beforeAll(async () => {
    typed = await startSimulator({ cellText });
  });
  afterAll(() => typed.close());

  async function rowsOf(from: Simulator, path: string, format: string) {
    const body = (await from.body(`/io/reporting/export/${path}?format=${format}`)).toString();
    if (format === 'json') return JSON.parse(body) as Record<string, unknown>[];
    return Papa.parse<Record<string, string>>(body, {
      header: true,
      skipEmptyLines: true,
      delimiter: format === 'tab' ? '\t' : ',',
      // TAB has no quoting: a quote is an ordinary character.
      quoteChar: format === 'tab' ? '\u0000' : '"',
    }).data;
  }

  it.each(['csv', 'tab', 'json'])(
    '%s: those columns read the text in every row of every report that has them; the others are as always',
    async (format) => {
      for (const path of ['cards', 'userassignments/current']) {
        const rows = await rowsOf(typed, path, format);
        const plain = await rowsOf(sim, path, format);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows).toEqual(
          plain.map((row) => {
            const changed = { ...row };
            for (const [id, text] of Object.entries(cellText)) if (id in row) changed[id] = text;
            return changed;
          }),
        );
      }
    },
  );
});
