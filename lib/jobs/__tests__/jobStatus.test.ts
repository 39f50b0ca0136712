import { describe, expect, it } from 'vitest';
import { NO_ROW_MATCHED } from '../../recipes/recipe';
import type { ExportJob } from '../jobRecords';
import { announce, elapsedText, noRowsText, progressText, retryingText } from '../jobStatus';

const NOW = 1_000_000;

function job(change: Partial<ExportJob> = {}): ExportJob {
  return {
    id: 'j1',
    reportId: 'cards',
    format: 'csv',
    boardIds: [],
    accountName: 'acme',
    fileName: 'leankit-acme-cards-all.csv',
    state: 'running',
    bytes: 0,
    startedAt: NOW - 12_000,
    attempt: 1,
    ...change,
  };
}

const busy = { kind: 'server', message: 'LeanKit had a problem answering.' } as const;

describe('job status text', () => {
  it.each([
    [0, '0:00'],
    [7_400, '0:07'],
    [754_000, '12:34'],
    [3_723_000, '1:02:03'],
  ])('%i ms elapsed reads %s', (ms, text) => {
    expect(elapsedText(ms)).toBe(text);
  });

  it.each([
    [{ error: busy, retryAt: NOW + 3_200 }, 'LeanKit is busy: retrying in 4 s (attempt 2 of 5)'],
    [
      { error: { kind: 'rate-limited', message: '' }, retryAt: NOW + 60_000 },
      'LeanKit is busy: retrying in 60 s (attempt 2 of 5)',
    ],
    [
      { error: { kind: 'network', message: '' }, retryAt: NOW + 500 },
      'The connection to LeanKit broke: retrying in 1 s (attempt 2 of 5)',
    ],
    [
      { error: { kind: 'unreachable', message: '' }, retryAt: NOW + 2_000 },
      'LeanKit could not be reached: retrying in 2 s (attempt 2 of 5)',
    ],
    [{ error: busy, retryAt: NOW }, null],
    [{ error: busy, retryAt: NOW + 1000, state: 'cancelled' }, null],
  ] as const)('retrying %j reads %j', (change, text) => {
    expect(retryingText(job({ attempt: 2, maxAttempts: 5, ...change }), NOW)).toBe(text);
  });

  it.each([
    [{}, '0 B saved · 0:12'],
    [{ bytes: 2_100_000, rows: 48_210 }, '48,210 rows · 2.1 MB saved · 0:12'],
    [
      { bytes: 5000, attempt: 3, maxAttempts: 5, retryAt: NOW - 1, error: busy },
      '5.0 KB saved · 0:12 · attempt 3 of 5',
    ],
    [
      { attempt: 2, maxAttempts: 5, retryAt: NOW + 4000, error: busy },
      'LeanKit is busy: retrying in 4 s (attempt 2 of 5)',
    ],
    [{ state: 'waiting-for-sign-in' }, 'Paused until you sign in again'],
  ] as const)('progress of %j reads %j', (change, text) => {
    expect(progressText(job(change), NOW)).toBe(text);
  });

  it.each([
    ['cards', ['101'], 'No rows: this board has no cards you can see'],
    ['cards', ['101', '102'], 'No rows: these boards have no cards you can see'],
    ['lanes', [], 'No rows: your boards have no lanes you can see'],
    ['boards', [], 'No rows: there are no boards you can see'],
  ])('an empty %s export of boards %j reads %j', (reportId, boardIds, text) => {
    expect(noRowsText(reportId, boardIds)).toBe(text);
  });
});

describe('announcements', () => {
  const done = (change: Partial<ExportJob> = {}) =>
    job({
      state: 'done',
      bytes: 300,
      path: '/downloads/leankit-acme-cards-all (1).csv',
      finishedAt: NOW,
      ...change,
    });

  it.each<[string, ExportJob[], ExportJob[], { polite: string[]; alert: string[] }]>([
    ['a start', [], [job()], { polite: ['Exporting Cards…'], alert: [] }],
    ['progress alone', [job()], [job({ bytes: 5000 })], { polite: [], alert: [] }],
    [
      'a retry, once per attempt',
      [job()],
      [job({ attempt: 2, maxAttempts: 5, retryAt: NOW + 4000, error: busy })],
      { polite: ['Cards: LeanKit is busy: retrying in 4 s (attempt 2 of 5)'], alert: [] },
    ],
    [
      'the same retry again',
      [job({ attempt: 2, retryAt: NOW + 4000, error: busy })],
      [job({ attempt: 2, retryAt: NOW + 4000, error: busy, bytes: 10 })],
      { polite: [], alert: [] },
    ],
    [
      'a pause for sign-in',
      [job()],
      [job({ state: 'waiting-for-sign-in' })],
      { polite: ['Cards: Paused until you sign in again'], alert: [] },
    ],
    [
      'a saved file, by the name it was saved under',
      [job()],
      [done()],
      { polite: ['Cards: Saved as leankit-acme-cards-all (1).csv'], alert: [] },
    ],
    [
      'an export too quick to be seen running',
      [],
      [done({ rows: 0, boardIds: ['101'] })],
      { polite: ['Cards: No rows: this board has no cards you can see'], alert: [] },
    ],
    [
      'a file whose filters kept no row, by that note, not as an empty board',
      [job()],
      [done({ rows: 0, boardIds: ['101'], notes: [NO_ROW_MATCHED] })],
      { polite: [`Cards: ${NO_ROW_MATCHED}`], alert: [] },
    ],
    [
      'a saved file with its notes',
      [job()],
      [
        done({
          rows: 3,
          notes: ['LeanKit no longer serves the column “cardSize”; it was left out.'],
        }),
      ],
      {
        polite: [
          'Cards: Saved as leankit-acme-cards-all (1).csv LeanKit no longer serves the column “cardSize”; it was left out.',
        ],
        alert: [],
      },
    ],
    [
      'a failure, as an alert',
      [job()],
      [job({ state: 'failed', error: busy, finishedAt: NOW })],
      { polite: [], alert: ['Cards: LeanKit had a problem answering.'] },
    ],
    [
      'a cancel',
      [job()],
      [job({ state: 'cancelled', finishedAt: NOW })],
      { polite: ['Cards: Cancelled'], alert: [] },
    ],
    [
      'an export stopped by the sign-out, and why',
      [job()],
      [
        job({
          state: 'cancelled',
          error: { kind: 'signed-out', message: 'Stopped because you signed out.' },
          finishedAt: NOW,
        }),
      ],
      { polite: ['Cards: Stopped because you signed out.'], alert: [] },
    ],
    ['a finished job seen again', [done()], [done()], { polite: [], alert: [] }],
  ])('says %s', (_what, before, after, said) => {
    expect(announce(before, after, NOW)).toEqual(said);
  });
});
