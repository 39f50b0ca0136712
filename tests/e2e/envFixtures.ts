import { OTHER_HOST } from '../simulator/otherHost';
import { type Engine, type ExtensionEnv, launchExtensionEnv } from '../support/extensionEnv';
import { test as base } from './baseFixtures';
import { ExtensionPopup } from './pages/extensionPopup';

interface Fixtures {
  env: ExtensionEnv;
  popup: ExtensionPopup;
}

interface Options {
  /** Which browser runs the journeys: set per Playwright project. */
  engine: Engine;
}

/**
 * Journeys that behave alike in every browser use these fixtures and run once per project
 * (chromium, firefox): one simulator, one download folder and one fresh browser profile per test.
 */
export const test = base.extend<Fixtures & Options>({
  engine: ['chromium', { option: true }],
  env: async ({ engine, simulator, downloadDir }, use) => {
    const env = await launchExtensionEnv(engine, {
      port: simulator.port,
      downloadDir,
      hosts: ['acme.leankit.com', 'noreporting.leankit.com', OTHER_HOST],
    });
    await use(env);
    await env.close();
  },
  popup: async ({ env }, use) => {
    await use(new ExtensionPopup(await env.openExtensionPage('popup.html')));
  },
});

export { expect } from './baseFixtures';
