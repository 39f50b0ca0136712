/**
 * `npm run demo`: builds the extension, starts the Reporting API simulator, and opens the system
 * Chromium with the built extension loaded and *.leankit.com mapped to the simulator.
 *
 * With a display it leaves the browser to you (Ctrl-C ends the demo). Without one, or with
 * `--headless`, it drives the real UI itself: signs in through the popup, exports the cards report,
 * prints where the file was saved and saves screenshots of the popup and the board page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PopupPage } from '../tests/e2e/pages/popup';
import { startSimulator } from '../tests/simulator/index';
import { CHROMIUM_PATH, launchChromiumWithExtension } from '../tests/support/chromium';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;
const outputDir = resolve('demo-output');
const downloadDir = join(outputDir, 'downloads');

if (!existsSync(CHROMIUM_PATH)) {
  console.error(
    `Chromium was not found at ${CHROMIUM_PATH}. Install it with: sudo apt-get install -y chromium\n` +
      '(or point CHROMIUM_PATH at a Chromium or Chrome for Testing binary).',
  );
  process.exit(1);
}

if (!args.has('--no-build')) {
  console.log('Building the extension…');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await rm(outputDir, { recursive: true, force: true });
await mkdir(downloadDir, { recursive: true });

const simulator = await startSimulator();
const { demo } = simulator;
const board = simulator.boards[0];
if (!board) throw new Error('The simulator has no boards.');
const boardUrl = `https://${demo.host}/board/${board.id}`;

console.log(`
LeanKit Reporting API simulator on https://127.0.0.1:${simulator.port}
  Account:  ${demo.host}
  Email:    ${demo.email}
  Password: ${demo.password}
  Board:    ${boardUrl} (${board.title})
  Downloads go to ${downloadDir}
`);

const browser = await launchChromiumWithExtension({ port: simulator.port, downloadDir, headless });
const boardPage = browser.context.pages()[0] ?? (await browser.context.newPage());
await boardPage.goto(boardUrl);
const popup = await PopupPage.open(
  await browser.context.newPage(),
  browser.extensionUrl('popup.html'),
);

async function shutdown(code: number): Promise<never> {
  await browser.close().catch(() => undefined);
  await simulator.close().catch(() => undefined);
  process.exit(code);
}

if (!headless) {
  await popup.account.fill(demo.host);
  await popup.email.fill(demo.email);
  console.log('Chromium is open with the popup in a tab. Sign in with the password above.');
  console.log('Press Ctrl-C to end the demo.');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  browser.context.on('close', () => void shutdown(0));
} else {
  try {
    console.log('No display (or --headless): driving the extension myself.');
    await popup.page.setViewportSize({ width: 360, height: 520 });
    await popup.signIn(demo.host, demo.email, demo.password);
    await popup.expectSignedIn();
    console.log(`Signed in as ${demo.email} on ${demo.host}.`);
    await popup.downloadButton('Cards').click();
    const fileName = await popup.waitForSavedFile();
    console.log(`Exported the cards report: ${join(downloadDir, fileName)}`);
    const popupShot = join(outputDir, 'popup.png');
    const boardShot = join(outputDir, 'board.png');
    await popup.page.screenshot({ path: popupShot });
    await boardPage.bringToFront();
    await boardPage.screenshot({ path: boardShot });
    console.log(`Screenshots: ${popupShot}, ${boardShot}`);
    await shutdown(0);
  } catch (error) {
    console.error('The demo failed:', error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}
