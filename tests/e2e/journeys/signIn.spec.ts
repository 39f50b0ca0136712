import { expect, test } from '../envFixtures';

test('a wrong password shows LeanKit’s own message and stores nothing', async ({
  simulator,
  popup,
}) => {
  const { demo } = simulator;
  await popup.signIn(demo.host, demo.email, 'not-the-password');
  await popup.alert('Login failed: email or password is incorrect');
  await popup.ui.waitFor('button', 'Sign in');
  const storage = await popup.dumpStorage();
  expect(JSON.stringify(storage)).not.toContain('not-the-password');
  // The export engine notes in session storage that it has started (to tell a browser restart
  // from a stopped service worker); that is not about this sign-in.
  const { exportEngineStarted: _engineFlag, ...session } = storage.session ?? {};
  expect({ ...storage, session }).toEqual({ local: {}, sync: {}, session: {} });
});

test('signs in through the popup and keeps the password nowhere', async ({ simulator, popup }) => {
  const { demo } = simulator;
  await popup.signInAs(demo);
  const storage = await popup.dumpStorage();
  expect(JSON.stringify(storage)).not.toContain(demo.password);
  expect(Object.keys(storage.session ?? {})).toContain('signedIn');
});
