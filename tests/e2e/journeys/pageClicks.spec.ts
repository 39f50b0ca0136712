import { firstBoard } from '../../simulator/testing';
import { expect, test } from '../envFixtures';
import { BoardUi } from '../pages/boardUi';
import { exportRequest } from '../popupSupport';

// The board button's shadow root is open (tests and tools reach it by role and name), so a LeanKit
// page's own scripts can reach its controls too. In both browsers their clicks are untrusted, and
// the button ignores them: the page cannot export a board or open a tab by itself.
test('a page’s own scripts cannot click the board button; the user’s click still exports', async ({
  simulator,
  env,
  popup,
}) => {
  const { demo } = simulator;
  const first = firstBoard(simulator);
  await popup.signInAs(demo);
  const board = new BoardUi(await env.openPage(`https://${demo.host}/board/${first.id}`));
  await board.waitForExportButton();
  // While the button loads it already says "Export report", but its menu comes with the ready state.
  await board.ui.waitFor('button', 'More export options');

  const clicked = await board.ui.evaluate(() => {
    const root = document.querySelector('leankit-exporter-button')?.shadowRoot;
    const controls = Array.from(root?.querySelectorAll('button') ?? []);
    for (const control of controls) {
      control.click();
      control.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    }
    return controls.length;
  });
  expect(clicked).toBe(2);
  // A click that counted would have turned "Export report" into "Starting export…" at once, for good.
  await board.waitForExportButton();
  expect(await board.ui.texts('menu')).toEqual([]);

  await board.exportCards();
  await board.waitUntilDone();
  // One export, nothing more.
  exportRequest(simulator, 'cards');
});
