// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { findReport, REPORTS } from '../../lib/reports';
import { columnLabel } from './conventions';
import { simulatorFetch } from './fetch';
import { type Simulator, type SimulatorOptions, startSimulator } from './index';
import { AUTH_URL, bearer, decodeJwt, EXPORT_URL, signIn } from './testing';

const started: Simulator[] = [];
afterAll(() => Promise.all(started.map((sim) => sim.close())));

async function start(
  options: SimulatorOptions,
): Promise<{ sim: Simulator; get(path: string): Promise<string> }> {
  const sim = await startSimulator({ boards: 1, cardsPerBoard: 20, ...options });
  started.push(sim);
  const fetch = simulatorFetch(sim);
  const token = await signIn(fetch, sim);
  const get = async (path: string): Promise<string> => {
    const response = await fetch(`${EXPORT_URL}/${path}`, bearer(token));
    expect(response.status).toBe(200);
    return response.text();
  };
  return { sim, get };
}

async function authAnswer(sim: Simulator): Promise<Record<string, unknown>> {
  const response = await simulatorFetch(sim)(AUTH_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: sim.demo.email, password: sim.demo.password }),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('§10 switches', () => {
  it.each([
    ['cardId', 'cards', 'Card ID'],
    ['cardExternalLinkUrl', 'cards', 'Card External Link Url'],
    ['wipLimit', 'lanes', 'WIP Limit'],
    ['currentBoardId', 'customfields', 'Board ID'],
    ['currentBoardId', 'cards', 'Current Board ID'],
    [
      'totalDurationMinusWeekendsDays',
      'cards-blockedhistory',
      'Total Duration Minus Weekends Days',
    ],
  ])('label of %s in %s is %j', (columnId, reportId, label) => {
    const report = findReport(reportId);
    if (!report) throw new Error(reportId);
    expect(columnLabel(report, columnId)).toBe(label);
  });

  it("columnHeaders 'labels' writes labels in CSV and TAB headers, keeps ids in JSON", async () => {
    const { get } = await start({ columnHeaders: 'labels' });
    const cards = findReport('cards');
    expect((await get('cards.csv')).split('\r\n')[0]).toMatch(/^"Card ID","Parent Card ID",/);
    expect((await get('lanes.tab')).split('\r\n')[0]).toContain('\tWIP Limit\t');
    const [row] = JSON.parse(await get('cards.json')) as Record<string, unknown>[];
    expect(Object.keys(row ?? {})).toEqual(cards?.columns.map((column) => column.id));
    for (const report of REPORTS) {
      const header = (await get(`${report.path}.csv?limit=0`)).trimEnd();
      expect(header).not.toMatch(/[a-z][A-Z]/);
    }
  });

  it('quoteAll false quotes only where needed unless quotedString=true asks', async () => {
    const { get } = await start({ quoteAll: false });
    expect(await get('boards.csv')).toMatch(/^boardId,boardTitle\r\n\d+,/);
    expect(await get('boards.csv?quotedString=true')).toMatch(/^"boardId","boardTitle"\r\n"\d+",/);
  });

  it.each([
    ['iso', (value: unknown) => typeof value === 'string' && /Z$/.test(value)],
    ['epoch-seconds', (value: unknown) => Number.isInteger(value)],
    ['absent', (value: unknown) => value === undefined],
  ] as const)("authExpires '%s'", async (authExpires, check) => {
    const { sim } = await start({ authExpires });
    const answer = await authAnswer(sim);
    expect(check(answer.expires)).toBe(true);
    expect(typeof answer.token).toBe('string');
    if (answer.expires !== undefined) {
      const { exp } = decodeJwt(String(answer.token)).payload;
      const seconds =
        typeof answer.expires === 'number'
          ? answer.expires
          : Date.parse(answer.expires as string) / 1000;
      expect(seconds).toBe(exp);
    }
  });

  it.each([
    ['lowercase', 'true', 'false'],
    ['capitalized', 'True', 'False'],
    ['numeric', '1', '0'],
  ] as const)("booleans '%s' in CSV, JSON stays boolean", async (booleans, yes, no) => {
    const { get } = await start({ booleans });
    const lines = (await get('lanes.tab')).trimEnd().split('\r\n');
    const column = lines[0]?.split('\t').indexOf('isTopLevelLane') ?? -1;
    const values = new Set(lines.slice(1).map((line) => line.split('\t')[column]));
    expect(values).toEqual(new Set([yes, no]));
    const [lane] = JSON.parse(await get('lanes.json')) as Record<string, unknown>[];
    expect(typeof lane?.isTopLevelLane).toBe('boolean');
  });

  it('contentDisposition names the file', async () => {
    const { sim } = await start({ contentDisposition: true });
    const fetch = simulatorFetch(sim);
    const token = await signIn(fetch, sim);
    const response = await fetch(`${EXPORT_URL}/cards/blockedhistory.tab`, bearer(token));
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="cards-blockedhistory.tab"',
    );
    await response.body?.cancel();
  });
});
