import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simulatorFetch } from '../simulator/fetch';
import { expect, test } from './fixtures';
import { signInToSimulator } from './popupSupport';

test('signs in, downloads the cards report as CSV, and the file is what LeanKit serves', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  const { demo } = simulator;
  await popup.signInAs(demo);
  await expect(popup.page.getByText(demo.name)).toBeVisible();

  await popup.downloadButton('Cards').click();
  const fileName = await popup.waitForSavedFile();
  expect(fileName).toMatch(/^leankit-acme-cards-all-\d{8}-\d{4}\.csv$/);
  expect(await readdir(downloadDir)).toEqual([fileName]);

  // The extension fetched it once (in the offscreen document, which checks the end as it reads),
  // with the token in a header and never in the URL.
  const exports = simulator.requests.filter((r) => r.path.startsWith('/io/reporting/export/cards'));
  expect(exports).toHaveLength(1);
  for (const logged of exports) {
    expect(logged.tokenTransport).toBe('header');
    expect(logged.query.token).toBeUndefined();
  }
  const [request] = exports;

  // Byte for byte what the simulator serves for the same request.
  const fetch = simulatorFetch(simulator);
  const origin = `https://${demo.host}`;
  const auth = await fetch(`${origin}/io/reporting/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demo.email, password: demo.password, accountName: demo.account }),
  });
  const { token } = (await auth.json()) as { token: string };
  const query = new URLSearchParams(request?.query).toString();
  const expected = await fetch(`${origin}${request?.path}?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const onDisk = await readFile(join(downloadDir, fileName));
  expect(onDisk.length).toBeGreaterThan(1000);
  expect(onDisk.equals(Buffer.from(await expected.arrayBuffer()))).toBe(true);

  // Signed in: the token is kept in session storage only, and the password nowhere.
  const storage = await popup.dumpStorage();
  expect(storage).not.toContain(demo.password);
  expect(JSON.parse(storage).local).not.toHaveProperty('signedIn');
});

// A wrong password is a journey run in every browser: journeys/signIn.spec.ts.

for (const [what, account, message] of [
  ['an http:// address', 'http://acme.leankit.com', /must start with https:\/\//],
  // Any other https host is asked for at runtime (lib/hostPermission.ts; unit-tested, as headless
  // Chromium's permission prompt cannot be answered); an IP address is no account address.
  ['an IP address', 'https://127.0.0.1/board/1', /is not a LeanKit account address/],
] as const) {
  test(`signing in with ${what} says so before asking anyone`, async ({ simulator, popup }) => {
    await popup.signIn(account, simulator.demo.email, simulator.demo.password);
    await expect(popup.alert).toHaveText(message);
    expect(simulator.requests).toHaveLength(0);
  });
}

test('when LeanKit cannot be reached, the message says so', async ({ simulator, popup }) => {
  await simulator.close();
  await popup.signIn(simulator.demo.host, simulator.demo.email, simulator.demo.password);
  await expect(popup.alert).toHaveText(
    'Could not reach acme.leankit.com. Check the account name and your internet connection.',
  );
  await expect(popup.signInButton).toBeEnabled();
});

test('signs in with an existing token (single sign-on), and refuses a token LeanKit does not accept', async ({
  simulator,
  popup,
}) => {
  const { demo } = simulator;
  await popup.signInWithToken(demo.host, 'not-a-real-token');
  await expect(popup.alert).toHaveText(/did not accept this token/);

  const token = await signInToSimulator(simulator);
  await popup.tokenInput.fill(`Bearer ${token}`);
  await popup.page.getByRole('button', { name: 'Use token' }).click();
  await popup.expectSignedIn();
  await expect(popup.page.getByText(demo.name)).toBeVisible();
  // Each check asked for one board only: the bad token was refused, the good one accepted.
  const checks = simulator.requests.filter((r) => r.path === '/io/reporting/export/boards');
  expect(checks.slice(0, 2).map((r) => [r.query.limit, r.status, r.tokenTransport])).toEqual([
    ['1', 401, 'header'],
    ['1', 200, 'header'],
  ]);
});

test('an account without Advanced Reporting is told so at sign-in, and nothing is kept', async ({
  simulator,
  popup,
}) => {
  const { noReporting } = simulator;
  await popup.signIn(noReporting.host, noReporting.email, noReporting.password);
  await expect(popup.alert).toHaveText(/does not include Advanced Reporting/);
  expect(await popup.dumpStorage()).not.toMatch(/eyJ|"token"/);
});

test('a server error at sign-in says so', async ({ simulator, popup }) => {
  simulator.faults.add({ fault: { kind: 'status', status: 500 }, path: '/io/reporting/auth' });
  const { demo } = simulator;
  await popup.signIn(demo.host, demo.email, demo.password);
  await expect(popup.alert).toHaveText(
    'LeanKit had a problem answering. Try again in a few minutes.',
  );
  await expect(popup.signInButton).toBeEnabled();
});
