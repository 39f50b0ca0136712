/**
 * The Flow charts page in every browser, opened from the board button's menu of a simulator board:
 * each chart is painted on its canvas, each data table holds the numbers worked out in the test
 * from the reports the simulator serves (tests/e2e/flowSupport.ts, no lib/flow code; the forecasts
 * by lib/flow's Monte Carlo from that throughput), another finish lane changes the cycle times,
 * and a chart saves as PNG and its data as CSV. Firefox reads the reports from `blob:` URLs of its
 * background page; Chrome from its offscreen document's. The board is named by its title, on the
 * page and in the saved files' names.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { FORECAST_SEED, FORECAST_TRIALS } from '../../../lib/flow/flowForecasts';
import { forecastHowMany, forecastWhen } from '../../../lib/flow/monteCarlo';
import { expect, test } from '../envFixtures';
import {
  cumulativeOnLastDay,
  dateIn,
  defaultLanes,
  expectedFlow,
  simulatorBoard,
} from '../flowSupport';
import { BoardUi } from '../pages/boardUi';
import { DRAWN_CHARTS, FlowChartsUi } from '../pages/flowCharts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Card id → [finish date, cycle time], from the Cycle time table's rows. */
function finishedOf(rows: string[][]): Map<string, [string, number]> {
  return new Map(rows.slice(1).map((row) => [row[0] ?? '', [row[3] ?? '', Number(row[4])]]));
}

test('Flow charts from the board button: every chart drawn, its table the board’s own numbers', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  const { demo } = simulator;
  const [first] = simulator.boards;
  if (!first) throw new Error('The simulator has no boards');
  await popup.signInAs(demo);
  const board = new BoardUi(await env.openPage(`https://${demo.host}/board/${first.id}`));
  await board.openFlowCharts();
  const flow = new FlowChartsUi(await env.waitForExtensionPage(`flow.html?boards=${first.id}`));
  await flow.waitUntilReady();
  // Named by its title, from the board list, as in the popup's board picker.
  await flow.ui.waitForText('heading', first.title);
  expect(await flow.boardHeadings()).toEqual([first.title]);
  const fileStem = `flow-${first.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`;

  const painted = await flow.paintedPixels();
  for (const chart of DRAWN_CHARTS) expect(painted[chart], chart).toBeGreaterThan(1000);

  const timeZone = await flow.ui.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const today = dateIn(Date.now(), timeZone);
  const served = await simulatorBoard(simulator, first.id);
  const lanes = defaultLanes(served);
  const expected = expectedFlow(served, lanes.start, lanes.finish, today, timeZone);
  expect(expected.finished.size, 'the simulator board has finished cards').toBeGreaterThan(5);

  const cycleTimes = await flow.table('Cycle time');
  expect(cycleTimes[0]).toEqual(['Card', 'Title', 'Type', 'Finished', 'Cycle time (days)']);
  expect(finishedOf(cycleTimes)).toEqual(expected.finished);
  const throughput = await flow.table('Throughput');
  expect(throughput.slice(1).map(([day, count]) => [day, Number(count)])).toEqual(
    expected.throughputByDay,
  );
  const aging = await flow.table('Aging work in progress');
  expect(new Map(aging.slice(1).map((row) => [row[0], Number(row[5])]))).toEqual(expected.aging);
  const cumulative = await flow.table('Cumulative flow');
  const lastDay = cumulativeOnLastDay(served);
  expect(cumulative[0]).toEqual(['Day', ...lastDay.map(([group]) => group)]);
  expect(cumulative.at(-1)).toEqual([today, ...lastDay.map(([, count]) => String(count))]);
  // The forecasts: lib/flow's seeded Monte Carlo over the daily throughput worked out here, for
  // the page's first questions (10 cards; 30 days from today).
  const daily = expected.throughputByDay.map(([, finished]) => finished);
  const trials = { seed: FORECAST_SEED, trials: FORECAST_TRIALS };
  const when = forecastWhen(daily, 10, trials);
  const howMany = forecastHowMany(daily, 30, trials);
  const inDays = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  expect(await flow.table('Forecasts')).toEqual([
    ['Confidence', '10 cards done by', `Cards done by ${inDays(30)}`],
    ...[50, 85, 95].map((level) => [
      `${level}%`,
      inDays(when?.find((forecast) => forecast.level === level)?.value ?? Number.NaN),
      String(howMany?.find((forecast) => forecast.level === level)?.value),
    ]),
  ]);

  // The chart as an image, and its data as the table shows it.
  await flow.savePng('Cycle time');
  const png = await readFile(
    join(downloadDir, await flow.savedFile(`${fileStem}cycle-time-`, '.png')),
  );
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  await flow.saveCsv('Cycle time');
  const csv = await readFile(
    join(downloadDir, await flow.savedFile(`${fileStem}cycle-time-`, '.csv')),
    'utf8',
  );
  const csvRows = Papa.parse<string[]>(csv.trimEnd()).data;
  expect(csvRows[0]).toEqual(cycleTimes[0]);
  expect(finishedOf(csvRows)).toEqual(expected.finished);

  // Another finish lane, the one before the default: other cycle times, remembered for the board.
  const finishIndex = served.lanes.findIndex((lane) => lane.id === lanes.finish);
  const earlier = served.lanes[finishIndex - 1];
  if (!earlier || earlier.id === lanes.start) throw new Error('the board has a lane to finish in');
  await flow.chooseFinishLane(earlier.title);
  const changed = expectedFlow(served, lanes.start, earlier.id, today, timeZone);
  expect(changed.finished).not.toEqual(expected.finished);
  await flow.waitUntilChanged('Cycle time', cycleTimes);
  await flow.waitUntilReady();
  expect(finishedOf(await flow.table('Cycle time'))).toEqual(changed.finished);
  expect(await flow.finishLane()).toBe(earlier.id);
});

test('the popup opens Flow charts of its chosen board, named by its title', async ({
  simulator,
  env,
  popup,
}) => {
  const [, second] = simulator.boards;
  if (!second) throw new Error('The simulator has no second board');
  await popup.signInAs(simulator.demo);
  await popup.ui.click('button', 'Flow charts');
  await popup.alert('Choose one or more boards for flow charts.');
  await popup.chooseBoard(second.title);
  await popup.ui.click('button', 'Flow charts');
  const flow = new FlowChartsUi(await env.waitForExtensionPage(`flow.html?boards=${second.id}`));
  await flow.waitUntilReady();
  await flow.ui.waitForText('heading', second.title);
  expect(await flow.boardHeadings()).toEqual([second.title]);
});
