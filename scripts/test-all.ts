/**
 * `npm test`: every check and every suite, in the order CI needs them, then one plain closing line
 * `N passed, N failed` summing the test cases of every suite. A step that is not a test suite (lint,
 * type check, build) counts as one failed test when it fails, so it can never hide in the total.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
}

const reports = await mkdtemp(join(tmpdir(), 'leankit-exporter-test-'));
const total: Tally = { passed: 0, failed: 0 };

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
  });
}

async function step(name: string, command: string, args: string[]): Promise<boolean> {
  const code = await run(command, args);
  if (code !== 0) {
    console.error(`✗ ${name} failed`);
    total.failed += 1;
  }
  return code === 0;
}

async function suite(
  name: string,
  command: string,
  args: string[],
  reportFile: string,
  env: Record<string, string>,
  count: (report: unknown) => Tally,
): Promise<void> {
  const code = await run(command, args, env);
  let tally: Tally | undefined;
  try {
    tally = count(JSON.parse(await readFile(reportFile, 'utf8')));
  } catch {
    tally = undefined;
  }
  if (!tally) {
    console.error(`✗ ${name} produced no report`);
    total.failed += 1;
    return;
  }
  if (code !== 0 && tally.failed === 0) tally.failed = 1;
  console.log(`${name}: ${tally.passed} passed, ${tally.failed} failed`);
  total.passed += tally.passed;
  total.failed += tally.failed;
}

await step('lint', 'npx', ['biome', 'check', '.']);
await step('type check', 'npx', ['tsc', '--noEmit']);

const vitestReport = join(reports, 'vitest.json');
await suite(
  'unit',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  vitestReport,
  {},
  (report) => {
    const r = report as { numPassedTests: number; numFailedTests: number };
    return { passed: r.numPassedTests, failed: r.numFailedTests };
  },
);

const built =
  (await step('build (Chrome)', 'npx', ['wxt', 'build'])) &&
  (await step('build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox'])) &&
  (await step('build (Firefox MV3)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']));
if (built) {
  // Mozilla's linter: errors fail the run; its two warnings come from Preact's runtime (innerHTML).
  await step('Firefox lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2']);
  await step('Firefox MV3 lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3']);
  const playwrightReport = join(reports, 'playwright.json');
  await suite(
    'end-to-end (Chromium, Firefox)',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    playwrightReport,
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
    (report) => {
      const stats = (report as { stats: { expected: number; unexpected: number; flaky: number } })
        .stats;
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
    },
  );
}

console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
