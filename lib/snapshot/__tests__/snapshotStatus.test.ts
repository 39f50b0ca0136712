import { describe, expect, it } from 'vitest';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import { announce, progressText, reportLabel } from '@/lib/jobs/jobStatus';
import { recentFromJob } from '@/lib/recentDownloads';

const running: ExportJob = {
  id: 'j1',
  reportId: 'snapshot',
  format: 'csv',
  boardIds: ['101'],
  accountName: 'acme',
  fileName: 'leankit-acme-snapshot-board101-20261130-0705.xlsx',
  state: 'running',
  bytes: 2048,
  rows: 40,
  startedAt: 0,
  snapshot: { output: 'xlsx', boards: [{ id: '101' }] },
  step: { label: 'Lanes', number: 3, count: 12 },
};

describe('how a board snapshot reads', () => {
  it('is called "Board snapshot" and its progress names the report running', () => {
    expect(reportLabel('snapshot')).toBe('Board snapshot');
    expect(progressText(running, 7_000)).toBe('Lanes (3 of 12) · 40 rows · 2.0 KB saved · 0:07');
  });

  it('announces each report as it starts, and not again while it runs', () => {
    const before = { ...running, step: { label: 'Card positions', number: 2, count: 12 } };
    expect(announce([before], [running], 0).polite).toEqual(['Board snapshot: Lanes (3 of 12)']);
    expect(announce([running], [{ ...running, bytes: 4096 }], 0).polite).toEqual([]);
  });

  it('keeps its output in the recent downloads, so that Retry takes the same snapshot', () => {
    expect(recentFromJob({ ...running, state: 'failed' })?.snapshot).toBe('xlsx');
  });
});
