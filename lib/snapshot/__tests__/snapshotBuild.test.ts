// @vitest-environment node
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReportingClient } from '@/lib/api/reportingClient';
import { LeanKitError } from '@/lib/errors';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { bearer, EXPORT_URL, ORIGIN, signIn } from '@/tests/simulator/testing';
import { readWorkbookText } from '@/tests/support/openpyxl';
import { REPORTING_LAG_NOTE } from '../aboutSheet';
import { SnapshotBuild, type SnapshotProgress, type SnapshotSpec } from '../snapshotBuild';
import { SNAPSHOT_PLAN } from '../snapshotPlan';

let sim: Simulator;
let token: string;
let boardId: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 12 });
  token = await signIn(simulatorFetch(sim), sim);
  boardId = (sim.boards[0] as { id: string }).id;
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

function spec(output: SnapshotSpec['output']): SnapshotSpec {
  return {
    output,
    accountName: 'acme',
    origin: ORIGIN,
    boards: [{ id: boardId, title: 'Sprint board' }],
    startedAt: Date.UTC(2026, 10, 30, 7, 5),
  };
}

/** Runs attempts as the job engine would, `attempts` at most; returns the file and what it saw. */
async function build(output: SnapshotSpec['output'], attempts = 1) {
  const parts: Blob[] = [];
  const snapshot = new SnapshotBuild(spec(output), (part) => parts.push(part));
  const client = createReportingClient({ fetch: simulatorFetch(sim), origin: ORIGIN });
  const progress: SnapshotProgress[] = [];
  const failures: unknown[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await snapshot.run({
        client,
        token,
        boardIds: [boardId],
        stallTimeoutMs: 5_000,
        signal: new AbortController().signal,
        onProgress: (p) => progress.push(p),
      });
      return { bytes: new Uint8Array(await new Blob(parts).arrayBuffer()), progress, failures };
    } catch (cause) {
      failures.push(cause);
    }
  }
  return { bytes: undefined, progress, failures };
}

/** The simulator's own CSV of a report for the board. */
async function served(path: string): Promise<string[][]> {
  const response = await simulatorFetch(sim)(
    `${EXPORT_URL}/${path}?format=csv&boardId=${boardId}`,
    bearer(token),
  );
  return Papa.parse<string[]>((await response.text()).trimEnd(), { skipEmptyLines: false }).data;
}

describe('SnapshotBuild', () => {
  it('writes every board report on its own sheet, as served, then the About sheet', async () => {
    const { bytes, progress } = await build('xlsx');
    const sheets = readWorkbookText(bytes as Uint8Array);
    expect(sheets.map((sheet) => sheet.name)).toEqual([
      ...SNAPSHOT_PLAN.map((step) => step.sheetName),
      'About',
    ]);
    for (const step of SNAPSHOT_PLAN) {
      const sheet = sheets.find((s) => s.name === step.sheetName);
      const csv = await served(step.report.path);
      expect(sheet?.rows.length, step.sheetName).toBe(csv.length);
      // Custom fields are the cards' extra columns, after the served ones.
      expect(sheet?.rows[0]?.slice(0, csv[0]?.length), step.sheetName).toEqual(csv[0]);
    }
    const lanes = sheets.find((s) => s.name === 'Lanes');
    const servedLanes = await served('lanes');
    expect(lanes?.rows[1]?.[0]).toBe(servedLanes[1]?.[0]);
    const about = sheets.find((s) => s.name === 'About');
    expect(about?.rows.slice(0, 5)).toEqual([
      ['Item', 'Value', 'Rows'],
      ['Account', `acme (${ORIGIN})`, ''],
      ['Board', `Sprint board (${boardId})`, ''],
      ['Exported at (UTC)', '2026-11-30T07:05:00.000Z', ''],
      ['Note', REPORTING_LAG_NOTE, ''],
    ]);
    for (const step of SNAPSHOT_PLAN) {
      const line = about?.rows.find((row) => row[0] === step.sheetName);
      expect(line?.[2], step.sheetName).toBe(String((await served(step.report.path)).length - 1));
    }
    expect(progress.at(-1)?.step).toEqual({
      label: 'Tasks',
      number: SNAPSHOT_PLAN.length,
      count: SNAPSHOT_PLAN.length,
    });
  });

  it("gives the cards sheet a column per custom field, each card's value in it", async () => {
    const { bytes } = await build('xlsx');
    const cards = readWorkbookText(bytes as Uint8Array).find((s) => s.name === 'Cards');
    const fields = await served('customfields');
    const [header = [], ...values] = fields;
    const label = header.indexOf('label');
    const value = header.indexOf('customFieldValue');
    const cardId = header.indexOf('cardId');
    const first = values[0] as string[];
    const column = cards?.rows[0]?.indexOf(first[label] as string) ?? -1;
    expect(column).toBeGreaterThan(0);
    const cardColumn = cards?.rows[0]?.indexOf('cardId') ?? -1;
    const row = cards?.rows.find((r) => r[cardColumn] === first[cardId]);
    expect(row?.[column]).toBe(first[value]);
  });

  it('writes a zip of CSV files, one per report as LeanKit serves it, and about.csv', async () => {
    const { bytes } = await build('csv-zip');
    const files = unzipSync(bytes as Uint8Array);
    expect(Object.keys(files)).toEqual([
      ...SNAPSHOT_PLAN.map((step) => step.fileName),
      'about.csv',
    ]);
    for (const step of SNAPSHOT_PLAN.filter((s) => s.report.id !== 'cards')) {
      const csv = await (
        await simulatorFetch(sim)(
          `${EXPORT_URL}/${step.report.path}?format=csv&boardId=${boardId}`,
          bearer(token),
        )
      ).text();
      expect(strFromU8(files[step.fileName] as Uint8Array), step.fileName).toBe(csv);
    }
    const about = Papa.parse<string[]>(strFromU8(files['about.csv'] as Uint8Array).trimEnd()).data;
    expect(about[4]).toEqual(['Note', REPORTING_LAG_NOTE, '']);
    expect(about.find((row) => row[0] === 'lanes.csv')?.[2]).toBe(
      String((await served('lanes')).length - 1),
    );
  });

  it('fails with the reason of the report that failed, naming it, and writes no more', async () => {
    sim.faults.add({
      fault: { kind: 'status', status: 500 },
      path: '/io/reporting/export/lanes',
      times: Infinity,
    });
    const { bytes, failures } = await build('xlsx', 2);
    expect(bytes).toBeUndefined();
    expect(failures).toHaveLength(2);
    const error = failures[0] as LeanKitError;
    expect(error).toBeInstanceOf(LeanKitError);
    expect(error.kind).toBe('server');
    expect(error.message).toMatch(/^Lanes report: /);
  });

  it('goes on after a broken connection from the rows it has, none lost or doubled', async () => {
    sim.faults.add({
      fault: { kind: 'drop-after-bytes', bytes: 900 },
      path: '/io/reporting/export/cardpositions',
    });
    const { bytes, failures } = await build('csv-zip', 2);
    expect(failures).toHaveLength(1);
    expect((failures[0] as LeanKitError).message).toMatch(/^Card positions report: /);
    const files = unzipSync(bytes as Uint8Array);
    const csv = await (
      await simulatorFetch(sim)(
        `${EXPORT_URL}/cardpositions?format=csv&boardId=${boardId}`,
        bearer(token),
      )
    ).text();
    expect(strFromU8(files['cardpositions.csv'] as Uint8Array)).toBe(csv);
    expect(
      sim.requests.filter((r) => r.path.endsWith('/cardpositions') && r.query.offset).length,
    ).toBe(1);
  });
});
