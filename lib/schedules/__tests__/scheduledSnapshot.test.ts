// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { builderFor, downloadingBrowser } from '@/lib/jobs/__tests__/engineHarness';
import { FakeDownloads } from '@/lib/jobs/__tests__/fakeDownloads';
import { createDownloader } from '@/lib/jobs/downloads';
import { createExportJobs } from '@/lib/jobs/exportJobs';
import { createSessionService } from '@/lib/session';
import { jobsItem, schedulesItem, staySignedInItem } from '@/lib/storage/items';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { createScheduleRunner } from '../scheduleRunner';

/**
 * A scheduled board snapshot through the real export engine, over the simulator: its file is
 * named by the schedule's pattern, saved in its folder, replacing the one before, and the job
 * carries the schedule.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ boards: 2, cardsPerBoard: 5 });
});
afterAll(() => sim.close());
beforeEach(() => fakeBrowser.reset());

describe('a scheduled board snapshot', () => {
  it('saves its workbook into the schedule folder under its pattern, replacing the previous run', async () => {
    const fetch = simulatorFetch(sim);
    const session = createSessionService({ fetch });
    const downloads = new FakeDownloads();
    const jobs = createExportJobs({
      session,
      downloader: createDownloader({ downloads: downloadingBrowser(downloads).downloads }),
      builder: builderFor(fetch),
      now: () => new Date(2026, 10, 30, 7, 5),
      retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await session.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    // Set after the sign-in, which would otherwise keep the token in IndexedDB (none in Node).
    await staySignedInItem.setValue(true);
    const runner = createScheduleRunner({
      jobs,
      session,
      alarms: fakeBrowser.alarms,
      askToSignIn: async () => undefined,
      newId: () => 's1',
    });
    const boardId = (sim.boards[0] as { id: string }).id;
    await runner.save({
      name: 'weekly snapshot',
      what: { kind: 'snapshot', output: 'xlsx', boardIds: [boardId] },
      when: { every: 'week', day: 1, time: '07:00' },
      timeZone: 'UTC',
      where: { folder: 'LeanKit/weekly', fileNamePattern: '{report}-{board}', keep: 'replace' },
    });

    await runner.runNow('s1');
    const [job] = await jobsItem.getValue();
    expect(job).toMatchObject({
      reportId: 'snapshot',
      scheduleId: 's1',
      replaceFile: true,
      fileName: `LeanKit/weekly/snapshot-board${boardId}.xlsx`,
    });
    await expect.poll(async () => (await jobsItem.getValue())[0]?.state).toBe('done');
    await runner.onJobs(await jobsItem.getValue());
    expect(downloads.requests).toMatchObject([
      { filename: `LeanKit/weekly/snapshot-board${boardId}.xlsx`, conflictAction: 'overwrite' },
    ]);
    expect((await schedulesItem.getValue())[0]?.results).toMatchObject([
      { outcome: 'done', jobId: job?.id },
    ]);
  });
});
