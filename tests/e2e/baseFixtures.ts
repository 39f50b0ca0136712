import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { type Simulator, type SimulatorOptions, startSimulator } from '../simulator/index';
import { expectNoTokenInFileNames, expectNoTokenInUrls } from './leakChecks';

interface Fixtures {
  /** How this test's simulator is made: `test.use({ simulatorOptions: { boards: 1500 } })`. */
  simulatorOptions: SimulatorOptions;
  simulator: Simulator;
  /** A fresh, empty download folder for this test. */
  downloadDir: string;
}

/**
 * What every end-to-end test starts from, whichever browser runs it: its own simulator and download
 * folder, and, when it ends, the check that the token never went into a URL or a file name.
 */
export const test = base.extend<Fixtures>({
  simulatorOptions: [{}, { option: true }],
  simulator: async ({ simulatorOptions }, use) => {
    const simulator = await startSimulator(simulatorOptions);
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
});

export { expect } from '@playwright/test';
