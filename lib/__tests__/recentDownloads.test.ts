import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ExportJob } from '../jobs/jobRecords';
import {
  clearRecentDownloads,
  createRecentDownloadsRecorder,
  fileNameOf,
  isFinished,
  mergeFinishedJobs,
  RECENT_DOWNLOADS_KEPT,
  recentFromJob,
} from '../recentDownloads';
import { recentDownloadsItem } from '../storage/items';

function job(id: string, change: Partial<ExportJob> & Record<string, unknown> = {}): ExportJob {
  return {
    id,
    reportId: 'cards',
    format: 'csv',
    boardIds: [],
    accountName: 'acme',
    fileName: `leankit-${id}.csv`,
    state: 'done',
    bytes: 10,
    startedAt: 1000,
    finishedAt: 2000,
    downloadId: 3,
    path: `/downloads/leankit-${id}.csv`,
    ...change,
  } as ExportJob;
}

describe('recent downloads', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['done', true],
    ['failed', true],
    ['cancelled', true],
    ['running', false],
    ['waiting', false],
  ])('%s counts as finished: %s', (state, finished) => {
    expect(isFinished(state)).toBe(finished);
  });

  it('records only named fields of a finished job, never extra ones the engine may add', () => {
    const entry = recentFromJob(
      job('a', {
        state: 'failed',
        error: { kind: 'server', message: 'LeanKit had a problem' },
        token: 'eyJ.secret.x',
      }),
    );
    expect(entry).toEqual({
      jobId: 'a',
      reportId: 'cards',
      format: 'csv',
      boardIds: [],
      accountName: 'acme',
      state: 'failed',
      bytes: 10,
      fileName: 'leankit-a.csv',
      startedAt: 1000,
      finishedAt: 2000,
      downloadId: 3,
      error: { kind: 'server', message: 'LeanKit had a problem' },
    });
    expect(recentFromJob(job('b', { state: 'running' }))).toBeNull();
  });

  it('keeps what the user should know about a finished file', () => {
    const notes = ['No row matched the filters: the file has only the header row.'];
    expect(recentFromJob(job('a', { notes }))).toMatchObject({ notes });
    expect(recentFromJob(job('b', { notes: [] }))).not.toHaveProperty('notes');
  });

  it('remembers that an export started over after the browser closed', () => {
    expect(recentFromJob(job('a', { restartedAfterBrowserClosed: true }))).toMatchObject({
      jobId: 'a',
      restartedAfterBrowserClosed: true,
    });
    expect(recentFromJob(job('b'))).not.toHaveProperty('restartedAfterBrowserClosed');
  });

  it('marks an export a schedule started', () => {
    expect(recentFromJob(job('a', { scheduleId: 's1' }))).toMatchObject({ scheduleId: 's1' });
    expect(recentFromJob(job('b'))).not.toHaveProperty('scheduleId');
  });

  it('keeps the recipe and the preset of an export, so that Retry exports the same again', () => {
    const recipe = { columns: ['cardId'], filters: { archived: 'exclude' as const } };
    const entry = recentFromJob(job('a', { recipe, presetId: 'p1' }));
    expect(entry).toMatchObject({ recipe, presetId: 'p1' });
    expect(entry?.recipe).not.toBe(recipe);
    expect(recentFromJob(job('b'))).not.toHaveProperty('recipe');
    expect(recentFromJob(job('b'))).not.toHaveProperty('presetId');
  });

  it('lists the name the browser saved the file under, not the name asked for', () => {
    const saved = recentFromJob(
      job('a', { fileName: 'leankit-a.csv', path: '/downloads/leankit-a (1).csv' }),
    );
    expect(saved?.fileName).toBe('leankit-a (1).csv');
    const failed = recentFromJob(job('b', { state: 'failed', path: undefined }));
    expect(failed?.fileName).toBe('leankit-b.csv');
  });

  it.each([
    ['/home/dana/Downloads/cards (1).csv', 'cards (1).csv'],
    ['C:\\Users\\Dana\\Downloads\\cards (2).csv', 'cards (2).csv'],
    ['cards.csv', 'cards.csv'],
  ])('takes the file name of %s', (path, name) => {
    expect(fileNameOf(path)).toBe(name);
  });

  it('keeps that an export had no rows, and nothing when the count is unknown or not 0', () => {
    expect(recentFromJob(job('a', { rows: 0 }))?.rows).toBe(0);
    expect(recentFromJob(job('b', { rows: 12 }))).not.toHaveProperty('rows');
    expect(recentFromJob(job('c'))).not.toHaveProperty('rows');
  });

  it('once cleared, does not list again the jobs this session still holds', async () => {
    const recorder = createRecentDownloadsRecorder();
    await recorder.record([job('a', { finishedAt: 1000 })]);
    await clearRecentDownloads(1500);
    await recorder.record([job('a', { finishedAt: 1000 }), job('b', { finishedAt: 2000 })]);
    expect((await recentDownloadsItem.getValue()).map((e) => e.jobId)).toEqual(['b']);
  });

  it('adds new finished jobs newest first, keeps the last 20, and says when nothing changed', () => {
    const first = mergeFinishedJobs(
      [],
      [job('a', { finishedAt: 1 }), job('r', { state: 'running' })],
    );
    expect(first?.map((e) => e.jobId)).toEqual(['a']);
    expect(mergeFinishedJobs(first ?? [], [job('a', { finishedAt: 1 })])).toBeNull();

    const many = Array.from({ length: 25 }, (_, i) => job(`j${i}`, { finishedAt: 100 + i }));
    const merged = mergeFinishedJobs(first ?? [], many) ?? [];
    expect(merged).toHaveLength(RECENT_DOWNLOADS_KEPT);
    expect(merged[0]?.jobId).toBe('j24');
    expect(merged.map((e) => e.jobId)).not.toContain('a');
  });

  it('the recorder keeps every update of quick successive calls', async () => {
    const recorder = createRecentDownloadsRecorder();
    await Promise.all([
      recorder.record([job('a', { finishedAt: 1 })]),
      recorder.record([job('b', { finishedAt: 2 })]),
      recorder.record([
        job('b', { finishedAt: 2 }),
        job('c', { state: 'cancelled', finishedAt: 3 }),
      ]),
    ]);
    expect((await recentDownloadsItem.getValue()).map((e) => [e.jobId, e.state])).toEqual([
      ['c', 'cancelled'],
      ['b', 'done'],
      ['a', 'done'],
    ]);
    expect(await fakeBrowser.storage.local.get(null)).toHaveProperty('recentDownloads');
  });
});
