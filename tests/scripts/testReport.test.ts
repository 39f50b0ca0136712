// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { failureList, playwrightOutcome, vitestOutcome } from '../../scripts/testReport';

const CWD = '/repo';

/** A Playwright JSON report in the shape of 1.65's: files, then describe blocks, then specs. */
function playwrightReport(statuses: string[], errors: unknown[] = []) {
  const spec = (status: string, index: number) => ({
    title: `test ${index}`,
    file: 'faults.spec.ts',
    line: 10 + index,
    tests: [
      {
        projectName: 'chromium',
        status,
        results:
          status === 'expected'
            ? [{ status: 'passed' }]
            : [
                {
                  status: 'failed',
                  error: {
                    message: `\u001b[31mError: test ${index} broke\u001b[39m\n\n  at x.ts:${index}`,
                  },
                },
              ],
      },
    ],
  });
  return {
    config: { rootDir: '/repo/tests/e2e' },
    suites: [
      {
        title: 'faults.spec.ts',
        file: 'faults.spec.ts',
        specs: [],
        suites: [
          {
            title: 'retries',
            file: 'faults.spec.ts',
            specs: statuses.map(spec),
          },
        ],
      },
    ],
    errors,
    stats: {},
  };
}

describe('playwrightOutcome', () => {
  it.each([
    [['expected', 'expected'], 2, 0],
    [['expected', 'unexpected'], 1, 1],
    [['expected', 'flaky'], 1, 1],
    [['skipped', 'expected'], 1, 0],
  ])('%j: %i passed, %i failed', (statuses, passed, failed) => {
    const outcome = playwrightOutcome(playwrightReport(statuses), CWD);
    expect([outcome.passed, outcome.failed]).toEqual([passed, failed]);
  });

  it('names each failed and flaky test with its describe block, project and file:line', () => {
    const { failures } = playwrightOutcome(
      playwrightReport(['unexpected', 'expected', 'flaky']),
      CWD,
    );
    expect(failures).toEqual([
      {
        name: '[chromium] retries › test 0',
        where: 'tests/e2e/faults.spec.ts:10',
        why: 'Error: test 0 broke\nat x.ts:0',
      },
      {
        name: '[chromium] retries › test 2 (flaky: failed, then passed)',
        where: 'tests/e2e/faults.spec.ts:12',
        why: 'Error: test 2 broke\nat x.ts:2',
      },
    ]);
  });

  it('counts an error outside any test as a failure, named by its first line without colours', () => {
    const outcome = playwrightOutcome(
      playwrightReport(
        ['expected'],
        [
          {
            message: '\n\u001b[31mError: Cannot find module ./nope\u001b[39m\n    at x.ts:1',
            location: { file: '/repo/tests/e2e/broken.spec.ts', line: 3 },
          },
          { message: 'Timed out waiting 1500s for the test suite to run' },
        ],
      ),
      CWD,
    );
    expect(outcome.failed).toBe(2);
    expect(outcome.failures).toEqual([
      { name: 'Error: Cannot find module ./nope', where: 'tests/e2e/broken.spec.ts:3' },
      { name: 'Timed out waiting 1500s for the test suite to run', where: '(run)' },
    ]);
  });
});

describe('vitestOutcome', () => {
  const report = {
    testResults: [
      {
        name: '/repo/lib/__tests__/format.test.ts',
        status: 'failed',
        message: '',
        assertionResults: [
          { fullName: 'formatBytes shows 0 B', status: 'passed', location: { line: 5 } },
          {
            fullName: 'formatBytes shows 1 KB',
            status: 'failed',
            location: { line: 9 },
            failureMessages: [
              `AssertionError: expected '1 kB' to be '1 KB'\n${'    at frame\n'.repeat(20)}`,
            ],
          },
          { fullName: 'formatBytes later', status: 'skipped', location: { line: 12 } },
        ],
      },
      {
        name: '/repo/tests/simulator/broken.test.ts',
        status: 'failed',
        message: 'Failed to load url ./missing (resolved id: ./missing)\nmore',
        assertionResults: [],
      },
      {
        name: '/repo/lib/__tests__/files.test.ts',
        status: 'passed',
        message: '',
        assertionResults: [{ fullName: 'files saves', status: 'passed' }],
      },
    ],
  };

  it('counts passed and failed tests, and a file that fails without a failed test as one', () => {
    const outcome = vitestOutcome(report, CWD);
    expect([outcome.passed, outcome.failed]).toEqual([2, 2]);
  });

  it('names each failed test with file:line, and a failed file with its first message line', () => {
    expect(vitestOutcome(report, CWD).failures).toEqual([
      {
        name: 'formatBytes shows 1 KB',
        where: 'lib/__tests__/format.test.ts:9',
        why: `AssertionError: expected '1 kB' to be '1 KB'\n${'at frame\n'.repeat(5)}…`,
      },
      {
        name: 'the file failed: Failed to load url ./missing (resolved id: ./missing)',
        where: 'tests/simulator/broken.test.ts',
      },
    ]);
  });
});

describe('failureList', () => {
  it('lists each failure, its place on the next line, then why it failed', () => {
    expect(
      failureList([
        { name: '[chromium] a test', where: 'tests/e2e/a.spec.ts:3', why: 'Error: no\nat a.ts:1' },
        { name: 'lint', where: 'npx biome check .' },
      ]),
    ).toBe(
      [
        'Failed tests (2):',
        '  ✗ [chromium] a test',
        '      tests/e2e/a.spec.ts:3',
        '      | Error: no',
        '      | at a.ts:1',
        '  ✗ lint',
        '      npx biome check .',
      ].join('\n'),
    );
  });
});
