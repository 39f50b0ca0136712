/**
 * Reads the JSON reports of Vitest and Playwright into one shape for `npm test`: how many tests
 * passed, how many failed, and which ones failed and where, so a failed CI run names its tests.
 */
import { isAbsolute, join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** A test that failed: its full name and where it is written (`path:line` from the repository). */
export interface FailedTest {
  name: string;
  where: string;
  /** The start of its error message: CI shows only the end of a run's output. */
  why?: string;
}

export interface SuiteOutcome {
  passed: number;
  failed: number;
  failures: FailedTest[];
}

interface PlaywrightTest {
  projectName: string;
  /** 'expected', 'unexpected', 'flaky' or 'skipped'. */
  status: string;
  results?: { error?: { message?: string } }[];
}

interface PlaywrightSpec {
  title: string;
  file: string;
  line: number;
  tests: PlaywrightTest[];
}

interface PlaywrightSuite {
  title: string;
  file: string;
  specs?: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}

interface PlaywrightReport {
  config: { rootDir: string };
  suites: PlaywrightSuite[];
  errors?: { message?: string; location?: { file: string; line: number } }[];
}

/**
 * Playwright's JSON report. A test Playwright calls flaky (failed, then passed on a retry) counts
 * as failed: CI must not pass on luck. Errors outside any test (a broken config, a file that does
 * not load) are failures too. `cwd` is where paths are shown from.
 */
export function playwrightOutcome(report: unknown, cwd: string): SuiteOutcome {
  const { config, suites, errors = [] } = report as PlaywrightReport;
  const shown = (file: string) =>
    relative(cwd, isAbsolute(file) ? file : join(config.rootDir, file));
  const outcome: SuiteOutcome = { passed: 0, failed: 0, failures: [] };

  const visit = (suite: PlaywrightSuite, titles: string[]): void => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === 'expected') outcome.passed += 1;
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        outcome.failed += 1;
        const flaky = test.status === 'flaky' ? ' (flaky: failed, then passed)' : '';
        const message = test.results?.find((result) => result.error?.message)?.error?.message;
        outcome.failures.push({
          name: `[${test.projectName}] ${[...titles, spec.title].join(' › ')}${flaky}`,
          where: `${shown(spec.file)}:${spec.line}`,
          ...(message ? { why: messageStart(message) } : {}),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  // The top-level suites are the files, already named by `where`.
  for (const file of suites) visit(file, []);

  for (const error of errors) {
    outcome.failed += 1;
    outcome.failures.push({
      name: firstLine(error.message ?? 'an error outside any test'),
      where: error.location ? `${shown(error.location.file)}:${error.location.line}` : '(run)',
    });
  }
  return outcome;
}

interface VitestAssertion {
  fullName: string;
  /** 'passed', 'failed', 'skipped', 'pending' or 'todo'. */
  status: string;
  location?: { line: number };
  failureMessages?: string[];
}

interface VitestFile {
  name: string;
  status: string;
  message?: string;
  assertionResults: VitestAssertion[];
}

/**
 * Vitest's JSON report (run with `--includeTaskLocation` for line numbers). A test file that fails
 * without any failed test (it does not load, or a hook throws) counts as one failure.
 */
export function vitestOutcome(report: unknown, cwd: string): SuiteOutcome {
  const { testResults } = report as { testResults: VitestFile[] };
  const outcome: SuiteOutcome = { passed: 0, failed: 0, failures: [] };
  for (const file of testResults) {
    const path = relative(cwd, file.name);
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    outcome.passed += file.assertionResults.filter((test) => test.status === 'passed').length;
    outcome.failed += failed.length;
    for (const test of failed) {
      const message = test.failureMessages?.find((text) => text.trim() !== '');
      outcome.failures.push({
        name: test.fullName,
        where: test.location ? `${path}:${test.location.line}` : path,
        ...(message ? { why: messageStart(message) } : {}),
      });
    }
    if (file.status === 'failed' && failed.length === 0) {
      outcome.failed += 1;
      outcome.failures.push({
        name: `the file failed: ${firstLine(file.message || 'no message')}`,
        where: path,
      });
    }
  }
  return outcome;
}

/** The closing list of failed tests: name, then where it is, then the start of why it failed. */
export function failureList(failures: readonly FailedTest[]): string {
  return [
    `Failed tests (${failures.length}):`,
    ...failures.map(({ name, where, why }) =>
      [
        `  ✗ ${name}`,
        `      ${where}`,
        ...(why?.split('\n') ?? []).map((line) => `      | ${line}`),
      ].join('\n'),
    ),
  ].join('\n');
}

const WHY_LINES = 6;
const WHY_LINE_CHARS = 300;

/** The first lines with text of an error message, without colours, "…" when there is more. */
function messageStart(text: string): string {
  const lines = stripVTControlCharacters(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const shown = lines
    .slice(0, WHY_LINES)
    .map((line) => (line.length > WHY_LINE_CHARS ? `${line.slice(0, WHY_LINE_CHARS)}…` : line));
  return [...shown, ...(lines.length > WHY_LINES ? ['…'] : [])].join('\n');
}

/** The first line with text, without the colours Playwright puts in its messages. */
function firstLine(text: string): string {
  const plain = stripVTControlCharacters(text);
  return (
    plain
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? plain
  );
}
