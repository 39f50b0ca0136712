/**
 * Micro-benchmark of the flow metrics (lib/flow/, issue 15; not part of `npm test`), so P6 can be
 * judged: computing every chart's series must be a small fraction of downloading the reports.
 *  1. About 100k card-position rows generated in-process (cells as text, as a parsed CSV gives
 *     them), with their lanes, cards and blocked spans: every metric computed, best of a few runs
 *     (the machine is shared), each step timed.
 *  2. The simulator's board of about as many rows: its four reports (JSON) fetched one after
 *     another with curl, then read and computed the same way, and the compute's share of the
 *     download printed.
 *  3. The same board's four CSV reports the way the Flow charts page works them: each body read
 *     into records as it streams in (lib/flow/reportRows.ts), then the page's metrics with the
 *     default settings, the cards' titles added and the forecasts asked, each step timed.
 * Run: `node --import tsx tests/bench/flowMetrics.ts [rows]`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agingWip } from '../../lib/flow/agingWip';
import {
  parseBlockedSpans,
  parseCardPositions,
  parseCards,
  parseLanes,
  type ReportRow,
} from '../../lib/flow/boardHistory';
import { createDayCounter, DAY_MS } from '../../lib/flow/calendarDays';
import { cumulativeFlow } from '../../lib/flow/cumulativeFlow';
import { cardFlows } from '../../lib/flow/cycleTime';
import { computeFlowMetrics, withCards } from '../../lib/flow/flowCharts';
import { flowForecasts } from '../../lib/flow/flowForecasts';
import { DEFAULT_FLOW_SETTINGS } from '../../lib/flow/flowSettings';
import { forecastHowMany, forecastWhen, mulberry32 } from '../../lib/flow/monteCarlo';
import { percentiles } from '../../lib/flow/percentiles';
import { readReportRecords } from '../../lib/flow/reportRows';
import { throughput } from '../../lib/flow/throughput';
import { createWorkflow } from '../../lib/flow/workflow';
import { simulatorFetch } from '../simulator/fetch';
import { startSimulator } from '../simulator/index';
import { signIn } from '../simulator/testing';
import { cardsForPositionRows } from './cardsForPositionRows';
import { timedCurl } from './curl';

const RUNS = 5;
const REPORTS = ['lanes', 'cardpositions', 'cards', 'cards/blockedhistory'] as const;
const HOUR_MS = 3_600_000;
const rows = Number(process.argv[2] ?? 100_000);

interface BoardRows {
  lanes: ReportRow[];
  positions: ReportRow[];
  cards: ReportRow[];
  blocked: ReportRow[];
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
/** LeanKit's JSON date-time form, `2019-04-15 19:05:14.9070000`. */
function leanKitDateTime(time: number): string {
  const date = new Date(time);
  return `${date.toISOString().slice(0, 10)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}0000`;
}

/**
 * A board like the simulator's (Backlog, Ready, In Progress with Build and Review, Done, Archive)
 * whose cards walk left to right over a year, sometimes back from Review to Build, about 3.5
 * stays each, until `count` position rows exist.
 */
function generatedBoard(count: number): BoardRows {
  const random = mulberry32(2026);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const lane = (
    id: string,
    title: string,
    parent: string,
    position: number,
    laneClass: string,
    laneType: string,
  ) => ({
    laneId: id,
    laneTitle: title,
    parentLaneId: parent,
    lanePosition: String(position),
    laneClass,
    laneType,
    isCompletedLane: String(laneType === 'completed'),
  });
  const lanes = [
    lane('1', 'Backlog', '', 0, 'backlog', 'untyped'),
    lane('2', 'Ready', '', 1, 'active', 'ready'),
    lane('3', 'In Progress', '', 2, 'active', 'inProcess'),
    lane('4', 'Build', '3', 0, 'active', 'inProcess'),
    lane('5', 'Review', '3', 1, 'active', 'inProcess'),
    lane('6', 'Done', '', 3, 'active', 'completed'),
    lane('7', 'Archive', '', 4, 'archive', 'completed'),
  ];
  const cardLanes = ['1', '2', '4', '5', '6', '7'];
  const origin = Date.UTC(2025, 0, 1);
  const positions: ReportRow[] = [];
  const cards: ReportRow[] = [];
  const blocked: ReportRow[] = [];
  for (let card = 0; positions.length < count; card++) {
    const cardId = String(10_000_000_000 + card);
    const current = int(0, cardLanes.length - 1);
    const path: number[] = [];
    for (let at = Math.min(current, int(0, 1)); at <= current; at++) {
      path.push(at);
      if (at === 3 && random() < 0.15) path.push(2, 3);
    }
    let entered = origin + int(0, 364 * 24) * HOUR_MS;
    path.forEach((at, step) => {
      const exited = step === path.length - 1 ? null : entered + int(1, 7 * 24) * HOUR_MS;
      positions.push({
        cardId,
        laneId: cardLanes[at] as string,
        laneEntryDate: leanKitDateTime(entered),
        laneExitDate: exited === null ? '' : leanKitDateTime(exited),
      });
      if (exited !== null) entered = exited;
    });
    cards.push({
      cardId,
      cardTitle: `Card ${card}`,
      cardTypeId: '1',
      cardType: 'Feature',
      cardSize: '1',
    });
    if (random() < 0.1) {
      const start = new Date(entered - int(0, 5) * DAY_MS).toISOString().slice(0, 10);
      blocked.push({ cardId, blockedStartDate: start, blockedEndDate: '' });
    }
  }
  return { lanes, positions: positions.slice(0, count), cards, blocked };
}

/** Every metric of one board, each step timed (ms). */
function computeAll(board: BoardRows, timeZone: string): Record<string, number> {
  const times: Record<string, number> = {};
  const step = <T>(name: string, work: () => T): T => {
    const started = performance.now();
    const result = work();
    times[name] = performance.now() - started;
    return result;
  };
  const lanes = step('parse lanes', () => parseLanes(board.lanes));
  const positions = step('parse positions', () => parseCardPositions(board.positions));
  step('parse cards', () => parseCards(board.cards));
  const blocked = step('parse blocked', () => parseBlockedSpans(board.blocked));
  const workflow = createWorkflow(lanes.records);
  if (!workflow) throw new Error('the board has no start or finish lane');
  const today = createDayCounter(timeZone)(Date.now());
  const flows = step('cycle times', () =>
    cardFlows(positions.records, workflow, { today, timeZone, blocked: blocked.records }),
  );
  step('percentiles', () =>
    percentiles(flows.flatMap((flow) => (flow.cycleTime === null ? [] : [flow.cycleTime]))),
  );
  step('cumulative flow', () => cumulativeFlow(positions.records, workflow, { timeZone }));
  const daily = step('throughput (days, weeks)', () => {
    throughput(flows, { period: 'week' });
    return throughput(flows).map((point) => point.finished);
  });
  step('aging WIP', () => agingWip(flows, today));
  step('Monte Carlo (when 100, how many in 30 days)', () => {
    forecastWhen(daily, 100, { seed: 1 });
    forecastHowMany(daily, 30, { seed: 1 });
  });
  times.total = Object.values(times).reduce((sum, time) => sum + time, 0);
  return times;
}

/** The body as the page gets it: a stream of 64 KiB pieces. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.subarray(at, at + 65_536));
      at += 65_536;
    },
  });
}

/** The Flow charts page's work on a board's four CSV bodies (by report), each step timed (ms). */
async function computeAsThePage(
  bodies: Readonly<Record<(typeof REPORTS)[number], Uint8Array>>,
  timeZone: string,
): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    times[name] = performance.now() - started;
    return result;
  };
  const read = <R extends (typeof REPORTS)[number]>(report: R) =>
    step(`read ${report}`, () => readReportRecords(report, streamOf(bodies[report])));
  const lanes = await read('lanes');
  const positions = await read('cardpositions');
  const blocked = await read('cards/blockedhistory');
  const today = createDayCounter(timeZone)(Date.now());
  const history = { lanes: lanes.records, positions: positions.records, blocked: blocked.records };
  const metrics = await step('metrics (computeFlowMetrics)', () =>
    computeFlowMetrics(history, DEFAULT_FLOW_SETTINGS, { today, timeZone }),
  );
  if (!metrics) throw new Error('the board has no start or finish lane');
  const cards = await read('cards');
  await step('charts without cards, then with (withCards)', () => {
    withCards(metrics, []);
    return withCards(metrics, cards.records);
  });
  await step('forecasts', () =>
    flowForecasts(metrics.throughputByDay, { cards: 100, byDay: today + 30 }, today),
  );
  times.total = Object.values(times).reduce((sum, time) => sum + time, 0);
  return times;
}

async function bestAsThePage(
  bodies: Readonly<Record<(typeof REPORTS)[number], Uint8Array>>,
  timeZone: string,
): Promise<Record<string, number>> {
  const runs: Record<string, number>[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await computeAsThePage(bodies, timeZone));
  return fastest(runs);
}

function best(board: BoardRows, timeZone: string): Record<string, number> {
  return fastest(Array.from({ length: RUNS }, () => computeAll(board, timeZone)));
}

/** Each step's best time of the runs. */
function fastest(runs: Record<string, number>[]): Record<string, number> {
  return Object.fromEntries(
    Object.keys(runs[0] ?? {}).map((name) => [
      name,
      Math.min(...runs.map((run) => run[name] ?? 0)),
    ]),
  );
}

function print(title: string, times: Record<string, number>): void {
  console.log(title);
  for (const [name, ms] of Object.entries(times)) console.log(`  ${name}: ${ms.toFixed(1)} ms`);
}

const generated = generatedBoard(rows);
print(
  `Generated board, ${generated.positions.length} card positions, ${generated.cards.length} cards, UTC:`,
  best(generated, 'UTC'),
);
print('Same, days in Europe/Paris:', best(generated, 'Europe/Paris'));

const sim = await startSimulator({
  boards: 1,
  cardsPerBoard: cardsForPositionRows(rows),
  tokenLifetimeSeconds: 3600,
});
const folder = await mkdtemp(join(tmpdir(), 'leankit-exporter-flow-bench-'));
try {
  const token = await signIn(simulatorFetch(sim), sim);
  const board = sim.boards[0]?.id ?? '';
  const reports = REPORTS;
  let download = 0;
  const bodies: ReportRow[][] = [];
  for (const report of reports) {
    const file = join(folder, `${report.replace('/', '-')}.json`);
    download += await timedCurl(
      sim,
      `https://${sim.demo.host}/io/reporting/export/${report}.json?boardId=${board}`,
      token,
      file,
    );
    bodies.push(JSON.parse(await readFile(file, 'utf8')) as ReportRow[]);
  }
  const [lanes = [], positions = [], cards = [], blocked = []] = bodies;
  const simulated = { lanes, positions, cards, blocked };
  const readStarted = performance.now();
  for (const report of reports) {
    JSON.parse(await readFile(join(folder, `${report.replace('/', '-')}.json`), 'utf8'));
  }
  const reading = performance.now() - readStarted;
  const times = best(simulated, 'UTC');
  print(`Simulator board, ${positions.length} card positions, ${cards.length} cards, UTC:`, times);
  console.log(`curl of its 4 reports, one after another: ${(download * 1000).toFixed(0)} ms`);
  console.log(`reading the 4 JSON files (JSON.parse): ${reading.toFixed(0)} ms`);
  console.log(
    `compute ${(times.total ?? 0).toFixed(0)} ms = ${((100 * (times.total ?? 0)) / (download * 1000)).toFixed(1)}% of the download`,
  );
  const csv: Partial<Record<(typeof REPORTS)[number], Uint8Array>> = {};
  for (const report of reports) {
    const file = join(folder, `${report.replace('/', '-')}.csv`);
    await timedCurl(
      sim,
      `https://${sim.demo.host}/io/reporting/export/${report}.csv?boardId=${board}`,
      token,
      file,
    );
    csv[report] = await readFile(file);
  }
  print(
    'Same board as the Flow charts page works it (CSV read as it streams in, default settings), UTC:',
    await bestAsThePage(csv as Record<(typeof REPORTS)[number], Uint8Array>, 'UTC'),
  );
} finally {
  await sim.close();
  await rm(folder, { recursive: true, force: true });
}
