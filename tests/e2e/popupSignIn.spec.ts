import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simulatorFetch } from '../simulator/fetch';
import { expect, test } from './fixtures';

test('signs in, downloads the cards report as CSV, and the file is what LeanKit serves', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  const { demo } = simulator;
  await popup.signIn(demo.host, demo.email, demo.password);
  await popup.expectSignedIn();
  await expect(popup.page.getByText(demo.name)).toBeVisible();

  await popup.downloadButton('Cards').click();
  const fileName = await popup.waitForSavedFile();
  expect(fileName).toMatch(/^leankit-acme-cards-all-\d{8}-\d{4}\.csv$/);
  expect(await readdir(downloadDir)).toEqual([fileName]);

  // The extension asked once, with the token in a header and never in the URL.
  const exports = simulator.requests.filter((r) => r.path.startsWith('/io/reporting/export/'));
  expect(exports).toHaveLength(1);
  const [request] = exports;
  expect(request?.tokenTransport).toBe('header');
  expect(request?.query.token).toBeUndefined();

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

test('a wrong password shows LeanKit’s own message and stores nothing', async ({
  simulator,
  popup,
}) => {
  const { demo } = simulator;
  await popup.signIn(demo.host, demo.email, 'not-the-password');
  await expect(popup.alert).toHaveText('Login failed: email or password is incorrect');
  await expect(popup.signInButton).toBeEnabled();

  const storage = JSON.parse(await popup.dumpStorage()) as Record<string, Record<string, unknown>>;
  expect(JSON.stringify(storage)).not.toContain('not-the-password');
  expect(storage.session).toEqual({});
  expect(storage.sync).toEqual({});
  expect(storage.local).toEqual({});
});
