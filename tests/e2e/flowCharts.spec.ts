import { playwrightUiPage } from '../support/ui/playwrightUiPage';
import { expectNoAxeViolations } from './accessibility';
import { expect, test } from './fixtures';
import { defaultLanes, simulatorBoard } from './flowSupport';
import { FlowChartsUi } from './pages/flowCharts';

/**
 * The Flow charts page in Chromium, beside its journey in every browser
 * (tests/e2e/journeys/flowCharts.spec.ts, which checks the charts' numbers): no accessibility
 * violations with a data table shown, and a finish lane remembered for the board.
 */

test('Flow charts has no accessibility violations and remembers a finish lane for the board', async ({
  simulator,
  extension,
  popup,
}) => {
  await popup.signInAs(simulator.demo);
  const [board] = simulator.boards;
  if (!board) throw new Error('The simulator has no boards');
  const page = await extension.context.newPage();
  await page.goto(extension.extensionUrl(`flow.html?boards=${board.id}`));
  const flow = new FlowChartsUi(playwrightUiPage(page));
  await flow.waitUntilReady();
  await expect(page.getByRole('heading', { name: board.title, exact: true })).toBeVisible();
  const cycleTime = page.getByRole('region', { name: 'Cycle time', exact: true });
  await cycleTime.getByText('Show data table').click();
  await expect(cycleTime.getByRole('table')).toBeVisible();
  await expectNoAxeViolations(page);

  // Another finish lane, the one before the default, is the board's after a reload.
  const served = await simulatorBoard(simulator, board.id);
  const lanes = defaultLanes(served);
  const earlier = served.lanes[served.lanes.findIndex((lane) => lane.id === lanes.finish) - 1];
  if (!earlier || earlier.id === lanes.start) throw new Error('the board has a lane to finish in');
  const before = await flow.table('Cycle time');
  await flow.chooseFinishLane(earlier.title);
  await flow.waitUntilChanged('Cycle time', before);
  await flow.waitUntilReady();
  await page.reload();
  await flow.waitUntilReady();
  expect(await flow.finishLane()).toBe(earlier.id);
});
