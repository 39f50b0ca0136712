import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { expect, test } from './fixtures';
import { dateIn, defaultLanes, expectedFlow, simulatorBoard } from './flowSupport';

/**
 * The Flow charts page, opened from the board button's menu of a simulator board: every chart is
 * drawn with its table, the tables hold the numbers worked out here from the reports the
 * simulator serves (tests/e2e/flowSupport.ts), and another finish lane changes the cycle times.
 */

/**
 * A chart's data table, as text cells, header row first. A drawn chart's table is made once its
 * disclosure is opened: opened to read it, then closed again, so the page is left as it was (axe
 * checking thousands of open cells took longer than the test may).
 */
async function tableOf(page: Page, chart: string): Promise<string[][]> {
  const region = page.getByRole('region', { name: chart, exact: true });
  const disclosure = region.locator('details');
  const toggle = region.getByText('Show data table');
  const behindDisclosure = (await disclosure.count()) > 0;
  if (behindDisclosure) await toggle.click();
  // The data table has a caption; uPlot's legend (hidden from assistive technology) is a table too.
  const rows = await region
    .locator('table:has(caption)')
    .evaluate((table: HTMLTableElement) =>
      [...table.rows].map((row) => [...row.cells].map((cell) => cell.textContent ?? '')),
    );
  if (behindDisclosure) await toggle.click();
  return rows;
}

async function waitUntilReady(page: Page): Promise<void> {
  await expect(page.locator('main')).toHaveAttribute('data-flow-state', 'ready');
  await expect(page.getByRole('status')).toHaveText('Charts ready');
}

function finishedOf(rows: string[][]): Map<string, [string, number]> {
  return new Map(rows.slice(1).map((row) => [row[0] ?? '', [row[3] ?? '', Number(row[4])]]));
}

test('Flow charts opens from the board button and its tables hold the board’s own numbers', async ({
  simulator,
  extension,
  popup,
  openBoard,
}) => {
  await popup.signInAs(simulator.demo);
  const boardId = simulator.boards[0]?.id ?? '';
  const board = await openBoard(boardId);
  await board.menuButton.click();
  const opened = extension.context.waitForEvent('page');
  await board.page.getByRole('menuitem', { name: 'Flow charts' }).click();
  const page = await opened;
  expect(new URL(page.url()).searchParams.get('boards')).toBe(boardId);
  await waitUntilReady(page);
  for (const chart of ['Cumulative flow', 'Cycle time', 'Throughput', 'Aging work in progress']) {
    const region = page.getByRole('region', { name: chart, exact: true });
    await expect(region.locator('canvas').first()).toBeVisible();
  }

  const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const today = dateIn(Date.now(), timeZone);
  const served = await simulatorBoard(simulator, boardId);
  const lanes = defaultLanes(served);
  const expected = expectedFlow(served, lanes.start, lanes.finish, today, timeZone);
  expect(expected.finished.size, 'the simulator board has finished cards').toBeGreaterThan(5);

  const cycleTimes = await tableOf(page, 'Cycle time');
  expect(cycleTimes[0]).toEqual(['Card', 'Title', 'Type', 'Finished', 'Cycle time (days)']);
  expect(finishedOf(cycleTimes)).toEqual(expected.finished);

  const throughput = await tableOf(page, 'Throughput');
  expect(throughput.slice(1).map(([day, count]) => [day, Number(count)])).toEqual(
    expected.throughputByDay,
  );

  const aging = await tableOf(page, 'Aging work in progress');
  expect(new Map(aging.slice(1).map((row) => [row[0], Number(row[5])]))).toEqual(expected.aging);

  // Cumulative flow: on the last day, each band counts the cards that ever reached its lane
  // group or a later one.
  const cumulative = await tableOf(page, 'Cumulative flow');
  const groups = served.lanes.filter((lane) => lane.parentId === '');
  expect(cumulative[0]).toEqual(['Day', ...groups.map((group) => group.title)]);
  const groupOf = (laneId: string) => {
    let lane = served.lanes.find((candidate) => candidate.id === laneId);
    while (lane && lane.parentId !== '') {
      const parent = lane.parentId;
      lane = served.lanes.find((candidate) => candidate.id === parent);
    }
    return groups.findIndex((group) => group.id === lane?.id);
  };
  const furthest = new Map<string, number>();
  for (const stay of served.stays) {
    const group = groupOf(stay.laneId);
    if (group >= 0) furthest.set(stay.cardId, Math.max(furthest.get(stay.cardId) ?? -1, group));
  }
  expect(cumulative.at(-1)?.slice(1).map(Number)).toEqual(
    groups.map((_group, index) => [...furthest.values()].filter((g) => g >= index).length),
  );
  expect(cumulative.at(-1)?.[0]).toBe(today);

  const forecasts = await tableOf(page, 'Forecasts');
  expect(forecasts.slice(1).map((row) => row[0])).toEqual(['50%', '85%', '95%']);
  await expectNoAxeViolations(page);

  // Another finish lane: the lane before the default one.
  const finishIndex = served.lanes.findIndex((lane) => lane.id === lanes.finish);
  const earlier = served.lanes[finishIndex - 1];
  if (!earlier || earlier.id === lanes.start) throw new Error('the board has a lane to finish in');
  await page.getByRole('combobox', { name: 'Finish lane' }).selectOption(earlier.id);
  const changed = expectedFlow(served, lanes.start, earlier.id, today, timeZone);
  await expect
    .poll(async () => finishedOf(await tableOf(page, 'Cycle time')))
    .toEqual(changed.finished);
  await waitUntilReady(page);
  expect(changed.finished).not.toEqual(expected.finished);

  // Remembered for the board: a fresh page opens with it.
  await page.reload();
  await waitUntilReady(page);
  await expect(page.getByRole('combobox', { name: 'Finish lane' })).toHaveValue(earlier.id);
});

test('the popup opens Flow charts of its chosen boards', async ({
  simulator,
  extension,
  popup,
}) => {
  await popup.signInAs(simulator.demo);
  const opened = extension.context.waitForEvent('page');
  await popup.page.getByRole('button', { name: 'Flow charts' }).click();
  await expect(popup.page.getByRole('alert')).toHaveText(
    'Choose one or more boards for flow charts.',
  );
  await popup.chooseBoard(simulator.boards[0]?.title ?? '');
  await popup.page.getByRole('button', { name: 'Flow charts' }).click();
  const page = await opened;
  expect(new URL(page.url()).searchParams.get('boards')).toBe(simulator.boards[0]?.id);
  await waitUntilReady(page);
});
