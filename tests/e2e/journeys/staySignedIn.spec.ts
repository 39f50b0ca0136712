import { poll } from '../../support/ui/uiPage';
import { expect, test } from '../envFixtures';
import { readKeptToken } from '../pages/keptToken';
import { lastExport } from './journeySupport';

test('stay signed in keeps the token in the extension’s own IndexedDB, in no storage area a content script can read', async ({
  simulator,
  env,
  popup,
}) => {
  const { demo } = simulator;
  const options = await env.openExtensionPage('options.html');
  await options.click('checkbox', 'Stay signed in on this computer');
  // Firefox keeps it in session storage, out of content scripts' reach (lib/storage/items.ts).
  const area = env.engine === 'firefox' ? 'session' : 'local';
  await poll('the setting to be saved', async () =>
    (await popup.dumpStorage())[area]?.staySignedIn === true ? true : undefined,
  );

  await popup.signInAs(demo);
  const token = await readKeptToken(popup.ui);
  expect(token).toMatch(/^eyJ[\w-]*\.[\w-]+\.[\w-]+$/);

  // local, sync and session: every area a content script could be given. None holds the token.
  const storage = await popup.dumpStorage();
  const everything = JSON.stringify(storage);
  expect(everything).not.toContain(token);
  expect(everything).not.toContain('eyJ');
  expect(everything).not.toContain(demo.password);
  expect(storage.local?.signedIn).toEqual({
    origin: `https://${demo.host}`,
    accountName: demo.account,
    email: demo.email,
    name: demo.name,
  });
  expect(storage.session).not.toHaveProperty('signedIn');

  // Exports use the kept token, in the Authorization header.
  await popup.download('Cards');
  await popup.waitForSavedFile();
  expect(lastExport(simulator, 'cards')).toMatchObject({ tokenTransport: 'header', status: 200 });

  await popup.ui.click('button', 'Sign out');
  await popup.waitForSignInForm();
  expect(await readKeptToken(popup.ui)).toBeNull();
  expect(JSON.stringify(await popup.dumpStorage())).not.toMatch(/eyJ|"token"|signedIn/);
});
