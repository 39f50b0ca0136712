import type { Page } from 'playwright-core';
import type { Simulator } from '../simulator/index';

type Chrome = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * Signs the extension in to the simulator's demo account with the background's own `signIn`
 * message, from `page`, one of the extension's pages in Chromium; resolves once it answered.
 */
export async function signInExtension(page: Page, sim: Simulator): Promise<void> {
  const { demo } = sim;
  await page.evaluate(
    (data) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
        type: 'signIn',
        data,
      }),
    { account: demo.host, email: demo.email, password: demo.password },
  );
}
