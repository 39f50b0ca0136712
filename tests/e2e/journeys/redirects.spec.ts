import { readdir } from 'node:fs/promises';
import { OTHER_HOST } from '../../simulator/otherHost';
import { expect, test } from '../envFixtures';

/**
 * Each browser's fetch follows a 307/308 with the body (the password) to another host that
 * answers the preflight; the extension must not. Each browser's download manager follows a
 * redirect too, to save whatever the other server sends: exports must not. (Every case in
 * Chromium: tests/e2e/redirects.spec.ts.)
 */
for (const origin of [`https://${OTHER_HOST}`, 'https://noreporting.leankit.com']) {
  test(`a sign-in answered with 307 to ${origin} sends the password no further and says why`, async ({
    simulator,
    popup,
  }) => {
    simulator.faults.add({
      fault: { kind: 'redirect', status: 307, location: `${origin}/io/reporting/auth` },
      path: '/io/reporting/auth',
    });
    const { demo } = simulator;
    await popup.signIn(demo.host, demo.email, demo.password);
    await popup.alert(
      `${demo.host} sent the request on to another address. LeanKit Exporter never follows such a redirect, so your password and token stay with ${demo.host}. Check the account address; if it is right, a proxy or sign-on page may be in the way: ask your IT team.`,
    );
    expect(simulator.requests.filter((request) => request.host !== demo.host)).toEqual([]);
    expect(simulator.requests.filter((request) => request.passwordReceived)).toEqual([]);
  });
}

test(`a CSV export answered with 302 to https://${OTHER_HOST} asks nothing of that server, saves nothing and says why`, async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  simulator.faults.add({
    fault: {
      kind: 'redirect',
      status: 302,
      location: `https://${OTHER_HOST}/io/reporting/export/cards?format=csv`,
    },
    path: '/io/reporting/export/cards',
    times: Infinity,
  });
  await popup.chooseFormat('CSV');
  await popup.download('Cards');
  const { host } = simulator.demo;
  await popup.alert(
    /acme\.leankit\.com sent the request on to another address\. LeanKit Exporter never follows such a redirect/,
  );
  expect(simulator.requests.filter((request) => request.host !== host)).toEqual([]);
  await expect.poll(() => readdir(downloadDir)).toEqual([]);
});
