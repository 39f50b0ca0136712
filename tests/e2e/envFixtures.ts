import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { type Simulator, startSimulator } from '../simulator/index';
import { type Engine, type ExtensionEnv, launchExtensionEnv } from '../support/extensionEnv';
import { expectNoTokenInFileNames, expectNoTokenInUrls } from './leakChecks';
import { ExtensionPopup } from './pages/extensionPopup';

interface Fixtures {
  simulator: Simulator;
  /** A fresh, empty download folder for this test. */
  downloadDir: string;
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
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
  simulator: async ({}, use) => {
    const simulator = await startSimulator();
    await use(simulator);
    await simulator.close();
    expectNoTokenInUrls(simulator.requests);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
  downloadDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'leankit-exporter-downloads-'));
    await use(dir);
    try {
      await expectNoTokenInFileNames(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  env: async ({ engine, simulator, downloadDir }, use) => {
    const env = await launchExtensionEnv(engine, {
      port: simulator.port,
      downloadDir,
      hosts: ['acme.leankit.com', 'noreporting.leankit.com'],
    });
    await use(env);
    await env.close();
  },
  popup: async ({ env }, use) => {
    await use(new ExtensionPopup(await env.openExtensionPage('popup.html')));
  },
});

export { expect } from '@playwright/test';
