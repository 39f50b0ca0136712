/**
 * The fault matrix (issue 7): one test per way an export can go wrong, each asserting what the user
 * is told, whether the session survives, and that no file is left that looks complete. Recoveries
 * (retries that succeed, resume after a dropped connection, a stopped service worker, an expired
 * token mid-export that waits for sign-in) are in faults.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import type { SessionInfo } from '../../lib/messaging';
import type { Fault } from '../simulator/index';
import { expectOnlyFiles } from './engineSupport';
import { expect, test } from './fixtures';
import type { PopupPage } from './pages/popup';

const CARDS_PATH = '/io/reporting/export/cards';

/** Who the background says is signed in, asked the way the popup asks. */
async function session(popup: PopupPage): Promise<SessionInfo | null> {
  return popup.page.evaluate(
    () =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<SessionInfo | null> } };
        }
      ).chrome.runtime.sendMessage({ type: 'getSession' }) as Promise<SessionInfo | null>,
  );
}

/** Clicks Download Cards and returns the text of its row in Recent downloads once it has failed. */
async function failedCardsExport(popup: PopupPage): Promise<string> {
  await popup.downloadButton('Cards').click();
  const row = popup.recent.locator('.recent-failed').filter({ hasText: 'Cards' }).first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  return (await row.textContent()) ?? '';
}

test.describe('signed in', () => {
  test.beforeEach(async ({ simulator, popup }) => {
    await popup.signIn(simulator.demo.host, simulator.demo.email, simulator.demo.password);
    await popup.expectSignedIn();
  });

  const SERVER_GAVE_UP =
    /LeanKit had a problem answering\. Try again in a few minutes\. \(Gave up after \d+ attempts\.\)/;
  const keepsSession: [string, Fault, RegExp][] = [
    [
      '400 Bad Request',
      { kind: 'status', status: 400, message: 'offset must be a non-negative integer' },
      /LeanKit refused the request: offset must be a non-negative integer\./,
    ],
    ['404 Not Found', { kind: 'status', status: 404 }, /could not find this report/],
    [
      '403 (no Advanced Reporting)',
      { kind: 'status', status: 403, message: 'Advanced Reporting is not enabled' },
      /does not include Advanced Reporting/,
    ],
    [
      '429 Too Many Requests',
      { kind: 'status', status: 429, retryAfterSeconds: 1 },
      /too many requests.*Gave up after \d+ attempts/,
    ],
    ['500 Internal Server Error', { kind: 'status', status: 500 }, SERVER_GAVE_UP],
    [
      '503 Service Unavailable',
      { kind: 'status', status: 503 },
      // One wording whether or not Chrome, throttling after repeated 503s, let the body be read.
      SERVER_GAVE_UP,
    ],
    [
      'a non-JSON 502 page from a proxy',
      { kind: 'status', status: 502, body: 'html' },
      SERVER_GAVE_UP,
    ],
    [
      'a connection dropped mid-body',
      { kind: 'drop-after-bytes', bytes: 5000 },
      /connection to acme\.leankit\.com broke.*Gave up/,
    ],
  ];

  for (const [name, fault, message] of keepsSession) {
    test(`${name}: says what happened, keeps the session, leaves no file`, async ({
      simulator,
      popup,
      downloadDir,
    }) => {
      simulator.faults.add({ fault, path: CARDS_PATH, times: Infinity });
      expect(await failedCardsExport(popup)).toMatch(message);
      expect(await session(popup)).not.toBeNull();
      await expectOnlyFiles(downloadDir, []);
    });
  }

  for (const [name, message] of [
    ['token expired (Invalid token)', 'Invalid token'],
    ['missing token (Missing authentication)', 'Missing authentication'],
  ] as const) {
    test(`${name}: asks to sign in again, drops the token, leaves no file`, async ({
      simulator,
      popup,
      downloadDir,
    }) => {
      simulator.faults.add({
        fault: { kind: 'status', status: 401, message },
        path: CARDS_PATH,
        times: Infinity,
      });
      await popup.downloadButton('Cards').click();
      await expect(popup.page.getByRole('status')).toHaveText(
        'Your LeanKit session expired. Sign in again to continue.',
      );
      await expect(popup.signInButton).toBeVisible();
      expect(await session(popup)).toBeNull();
      expect(await popup.dumpStorage()).not.toMatch(/eyJ/);
      await expectOnlyFiles(downloadDir, []);
    });
  }

  test('the first byte comes after more than 30 s: the export still completes', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    test.setTimeout(120_000);
    simulator.faults.add({ fault: { kind: 'slow-first-byte', delayMs: 35_000 }, path: CARDS_PATH });
    await popup.downloadButton('Cards').click();
    const fileName = await popup.waitForSavedFile(90_000);
    await expectOnlyFiles(downloadDir, [fileName]);
    expect(await session(popup)).not.toBeNull();
  });

  test('LeanKit unreachable: says it could not be reached, keeps the session, leaves no file', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await simulator.close();
    expect(await failedCardsExport(popup)).toMatch(
      /reach acme\.leankit\.com|connection to acme\.leankit\.com broke/,
    );
    expect(await session(popup)).not.toBeNull();
    await expectOnlyFiles(downloadDir, []);
  });

  test('the disk is full: says so, keeps the session, leaves no file', async ({
    popup,
    downloadDir,
  }) => {
    // A 16 KiB file system as the download folder: the 50 KB export does not fit.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', downloadDir]);
    try {
      expect(await failedCardsExport(popup)).toMatch(/disk is full/);
      expect(await session(popup)).not.toBeNull();
      // Chrome may keep its partial "Unconfirmed ….crdownload" when the disk is full; nothing
      // that looks like a finished export is left.
      expect((await readdir(downloadDir)).filter((name) => !name.endsWith('.crdownload'))).toEqual(
        [],
      );
    } finally {
      execFileSync('umount', [downloadDir]);
    }
  });
});

test('wrong credentials: LeanKit’s own message, nothing kept', async ({ simulator, popup }) => {
  await popup.signIn(simulator.demo.host, simulator.demo.email, 'wrong-password');
  await expect(popup.alert).toHaveText('Login failed: email or password is incorrect');
  expect(await session(popup)).toBeNull();
  expect(await popup.dumpStorage()).not.toContain('wrong-password');
});
