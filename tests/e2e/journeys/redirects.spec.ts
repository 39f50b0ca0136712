import { OTHER_HOST } from '../../simulator/otherHost';
import { expect, test } from '../envFixtures';

/**
 * Each browser's fetch follows a 307/308 with the body (the password) to another host that
 * answers the preflight; the extension must not. (Exports: tests/e2e/redirects.spec.ts.)
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
