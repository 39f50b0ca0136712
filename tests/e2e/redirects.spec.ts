import type { Route } from '../../lib/jobs/downloads';
import type { StartExportRequest } from '../../lib/messaging';
import type { Simulator } from '../simulator/index';
import { OTHER_HOST } from '../simulator/otherHost';
import { expectOnlyFiles, setExcelFriendlyCsv, startExport, waitForJob } from './engineSupport';
import { expect, test } from './fixtures';
import type { PopupPage } from './pages/popup';

/**
 * Issue 12, item 1: the password and the token reach the signed-in account's origin and nowhere
 * else, whatever a redirect says, and an address that only looks like LeanKit's gets neither.
 */

const CARDS_PATH = '/io/reporting/export/cards';
const cards: StartExportRequest = { reportId: 'cards', format: 'csv', boardIds: [] };
/** Where a redirect may point: a server that is not LeanKit, and another LeanKit account. */
const ELSEWHERE = [`https://${OTHER_HOST}`, 'https://noreporting.leankit.com'];
const REFUSED = (host: string) =>
  `${host} sent the request on to another address. LeanKit Exporter never follows such a redirect, so your password and token stay with ${host}. Check the account address; if it is right, a proxy or sign-on page may be in the way: ask your IT team.`;

/** Every request that reached the simulator for a host other than the demo account's. */
function offAccount(simulator: Simulator) {
  return simulator.requests.filter((request) => request.host !== simulator.demo.host);
}

for (const status of [307, 308] as const) {
  for (const origin of ELSEWHERE) {
    test(`a sign-in answered with ${status} to ${origin} sends the password no further and says why`, async ({
      simulator,
      popup,
    }) => {
      simulator.faults.add({
        fault: { kind: 'redirect', status, location: `${origin}/io/reporting/auth` },
        path: '/io/reporting/auth',
      });
      const { demo } = simulator;
      await popup.signIn(demo.host, demo.email, demo.password);
      await expect(popup.alert).toHaveText(REFUSED(demo.host));
      await expect(popup.account).toBeFocused();
      expect(offAccount(simulator)).toEqual([]);
      expect(simulator.requests.filter((request) => request.passwordReceived)).toEqual([]);
    });
  }
}

test.describe('exports', () => {
  test.beforeEach(async ({ simulator, popup }) => {
    await popup.signInAs(simulator.demo);
  });

  /** Starts the cards export by `route`, every answer a redirect to `origin`; returns the ended job. */
  async function redirectedExport(
    simulator: Simulator,
    popup: PopupPage,
    route: Route,
    status: number,
    origin: string,
  ) {
    await setExcelFriendlyCsv(popup.page, route === 'processed');
    simulator.faults.add({
      fault: {
        kind: 'redirect',
        status: status as 302,
        location: `${origin}${CARDS_PATH}?format=csv`,
      },
      path: CARDS_PATH,
      times: Infinity,
    });
    return waitForJob(popup.page, await startExport(popup.page, cards));
  }

  for (const route of ['direct', 'processed'] as const) {
    for (const status of [302, 307] as const) {
      for (const origin of ELSEWHERE) {
        test(`a ${route} export answered with ${status} to ${origin} fails with the reason and leaves no file`, async ({
          simulator,
          popup,
          downloadDir,
        }) => {
          const job = await redirectedExport(simulator, popup, route, status, origin);
          expect([job.state, job.error]).toEqual([
            'failed',
            { kind: 'redirected', message: REFUSED(simulator.demo.host) },
          ]);
          await expectOnlyFiles(downloadDir, []);
          // Both routes fetch in the offscreen document, which follows no redirect.
          expect(offAccount(simulator)).toEqual([]);
        });
      }
    }
  }

  // Chromium's download manager would send the Authorization header of `downloads.download` on
  // to wherever a redirect points (no declarativeNetRequest rule sees the browser's own requests),
  // so in Chrome a direct export is fetched by the offscreen document, which follows no redirect,
  // and only its finished file reaches the download manager. (Firefox drops the header there.)
  for (const origin of ELSEWHERE) {
    test(`a direct export redirected with 307 to ${origin} does not take the token there`, async ({
      simulator,
      popup,
    }) => {
      await redirectedExport(simulator, popup, 'direct', 307, origin);
      expect(offAccount(simulator).filter((request) => request.tokenTransport !== 'none')).toEqual(
        [],
      );
    });
  }
});

for (const [account, message] of [
  [
    'acme.leankit.co',
    `"acme.leankit.co" looks like LeanKit's address but is not: LeanKit accounts end in .leankit.com. Your password is not sent there. Check the spelling, for example acme.leankit.com.`,
  ],
  [
    'acme-leankit.com',
    `"acme-leankit.com" looks like LeanKit's address but is not: LeanKit accounts end in .leankit.com. Your password is not sent there. Check the spelling, for example acme.leankit.com.`,
  ],
  [
    'https://acme.leankit.com.evil.com/board/1',
    `"acme.leankit.com.evil.com" looks like LeanKit's address but is not: LeanKit accounts end in .leankit.com. Your password is not sent there. Check the spelling, for example acme.leankit.com.`,
  ],
  [
    // A Cyrillic "е".
    'acme.lеankit.com',
    `"acme.lеankit.com" is written with letters from another alphabet that look like "leankit", so it is not LeanKit's address. Your password is not sent there. Type the address in plain letters, for example acme.leankit.com.`,
  ],
  [
    'acme.xn--lankit-3of.com',
    `"acme.lеankit.com" is written with letters from another alphabet that look like "leankit", so it is not LeanKit's address. Your password is not sent there. Type the address in plain letters, for example acme.leankit.com.`,
  ],
] as const) {
  test(`the popup refuses the look-alike ${account} before any request`, async ({
    simulator,
    popup,
  }) => {
    await popup.signIn(account, simulator.demo.email, simulator.demo.password);
    await expect(popup.alert).toHaveText(message);
    await expect(popup.account).toBeFocused();
    expect(simulator.requests).toEqual([]);
  });
}
