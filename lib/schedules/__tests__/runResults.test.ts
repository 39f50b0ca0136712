import { describe, expect, it } from 'vitest';
import type { ExportJob } from '../../jobs/jobRecords';
import { enabled, failuresInARow, paused, resultOfJob, withResult } from '../runResults';
import type { RunResult, Schedule } from '../schedule';

const schedule: Schedule = {
  id: 's1',
  name: 'weekly cards',
  what: { kind: 'report', reportId: 'cards', format: 'csv', boardIds: [] },
  when: { every: 'day', time: '07:00' },
  timeZone: 'UTC',
  where: { folder: 'LeanKit', fileNamePattern: 'cards', keep: 'replace' },
  enabled: true,
  nextRunAt: Date.parse('2026-06-11T07:00:00Z'),
  results: [],
};

const run = (outcome: RunResult['outcome'], at: number): RunResult => ({
  at,
  outcome,
  message: outcome,
});

describe('withResult', () => {
  it('keeps the last 20 results, newest first', () => {
    let current = schedule;
    for (let at = 1; at <= 25; at++) current = withResult(current, run('done', at));
    expect(current.results.map((result) => result.at)).toEqual(
      Array.from({ length: 20 }, (_, index) => 25 - index),
    );
  });

  it('pauses itself at the third failure in a row, not before', () => {
    const twice = withResult(withResult(schedule, run('failed', 1)), run('failed', 2));
    expect(twice.enabled).toBe(true);
    const thrice = withResult(twice, run('failed', 3));
    expect(thrice).toMatchObject({
      enabled: false,
      pausedAfterFailures: true,
      nextRunAt: undefined,
    });
  });

  it('counts failures from the last run that finished, passing over skipped runs', () => {
    const results = [
      run('failed', 5),
      run('skipped', 4),
      run('failed', 3),
      run('done', 2),
      run('failed', 1),
    ];
    expect(failuresInARow(results)).toBe(2);
    const current = withResult({ ...schedule, results: results.slice(1) }, run('done', 6));
    expect(current.enabled).toBe(true);
  });

  it('after Resume, counts only the failures since', () => {
    let current = schedule;
    for (let at = 1; at <= 3; at++) current = withResult(current, run('failed', at));
    current = enabled(current, 10);
    expect(current).toMatchObject({ enabled: true, pausedAfterFailures: undefined, resumedAt: 10 });
    current = withResult(current, run('failed', 11));
    expect(current.enabled).toBe(true);
  });
});

describe('enabled and paused', () => {
  it('turning on sets the next run after now', () => {
    const off = paused(schedule);
    expect(off).toMatchObject({ enabled: false, nextRunAt: undefined });
    expect(enabled(off, Date.parse('2026-06-11T08:00:00Z')).nextRunAt).toBe(
      Date.parse('2026-06-12T07:00:00Z'),
    );
  });
});

describe('resultOfJob', () => {
  const job: ExportJob = {
    id: 'j1',
    reportId: 'cards',
    format: 'csv',
    boardIds: [],
    accountName: 'acme',
    fileName: 'LeanKit/cards.csv',
    state: 'running',
    bytes: 0,
    startedAt: 100,
  };

  it.each<[Partial<ExportJob>, RunResult | null]>([
    [{ state: 'running' }, null],
    [{ state: 'waiting-for-sign-in' }, null],
    [
      { state: 'done', path: '/home/me/Downloads/LeanKit/cards.csv' },
      {
        at: 100,
        jobId: 'j1',
        outcome: 'done',
        message: 'Saved /home/me/Downloads/LeanKit/cards.csv',
      },
    ],
    [
      { state: 'failed', error: { kind: 'server', message: 'LeanKit had a problem.' } },
      { at: 100, jobId: 'j1', outcome: 'failed', message: 'LeanKit had a problem.' },
    ],
    [{ state: 'cancelled' }, { at: 100, jobId: 'j1', outcome: 'failed', message: 'Cancelled.' }],
  ])('%o', (change, expected) => {
    expect(resultOfJob({ ...job, ...change })).toEqual(expected);
  });
});
