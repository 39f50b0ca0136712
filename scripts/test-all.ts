/**
 * `npm test`: every check and every suite, in the order CI needs them, then the list of failed tests
 * (name and file:line) and one plain closing line `N passed, N failed` summing the test cases of
 * every suite. A step that is not a test suite (lint, type check, build) counts as one failed test
 * when it fails, so it can never hide in the total; a test Playwright calls flaky counts as failed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FailedTest,
  failureList,
  playwrightOutcome,
  type SuiteOutcome,
  vitestOutcome,
} from './testReport';

const reports = await mkdtemp(join(tmpdir(), 'leankit-exporter-test-'));
const total = { passed: 0, failed: 0 };
const failures: FailedTest[] = [];

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

function fail(name: string, where: string): void {
  console.error(`✗ ${name} failed`);
  total.failed += 1;
  failures.push({ name, where });
}

async function step(name: string, command: string, args: string[]): Promise<boolean> {
  const code = await run(command, args);
  if (code !== 0) fail(name, `${command} ${args.join(' ')}`);
  return code === 0;
}

async function suite(
  name: string,
  command: string,
  args: string[],
  reportFile: string,
  env: Record<string, string>,
  read: (report: unknown, cwd: string) => SuiteOutcome,
): Promise<void> {
  const code = await run(command, args, env);
  let outcome: SuiteOutcome;
  try {
    outcome = read(JSON.parse(await readFile(reportFile, 'utf8')), process.cwd());
  } catch {
    fail(`${name}: no report`, `${command} ${args.join(' ')}`);
    return;
  }
  console.log(`${name}: ${outcome.passed} passed, ${outcome.failed} failed`);
  total.passed += outcome.passed;
  total.failed += outcome.failed;
  failures.push(...outcome.failures);
  // It failed without naming a test (e.g. it crashed after writing its report).
  if (code !== 0 && outcome.failed === 0) fail(name, `${command} ${args.join(' ')}`);
}

await step('lint', 'npx', ['biome', 'check', '.']);
await step('type check', 'npx', ['tsc', '--noEmit']);

const vitestReport = join(reports, 'vitest.json');
await suite(
  'unit',
  'npx',
  [
    'vitest',
    'run',
    '--includeTaskLocation',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestReport}`,
  ],
  vitestReport,
  {},
  vitestOutcome,
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
    playwrightOutcome,
  );
}

if (failures.length > 0) console.log(`\n${failureList(failures)}`);
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
