import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ExportJob, ScheduledFile } from '../../jobs/jobRecords';
import type { StartExportRequest } from '../../messaging';
import type { SnapshotOutput } from '../../snapshot/snapshotOutputs';
import { jobsItem, schedulesItem, staySignedInItem } from '../../storage/items';
import { failuresInARow } from '../runResults';
import type { ScheduleSetup } from '../schedule';
import {
  ALARM_PREFIX,
  createScheduleRunner,
  NEEDS_STAY_SIGNED_IN,
  STILL_RUNNING,
} from '../scheduleRunner';

const at = (iso: string) => Date.parse(iso);

const setup: ScheduleSetup = {
  name: 'weekly cards',
  what: { kind: 'report', reportId: 'cards', format: 'csv', boardIds: ['101'] },
  when: { every: 'day', time: '07:00' },
  timeZone: 'UTC',
  where: { folder: 'LeanKit/weekly', fileNamePattern: 'cards-{board}', keep: 'replace' },
};

/**
 * The runner against fake storage and alarms, with an export engine that only records what it was
 * asked to start (as a running job in `jobsItem`), a session to sign in and out, and a clock.
 */
function harness() {
  const clock = { now: at('2026-06-10T06:00:00Z') };
  const started: { request: StartExportRequest; file: ScheduledFile; jobId: string }[] = [];
  const snapshots: {
    request: { boardIds: string[]; output: SnapshotOutput };
    file: ScheduledFile;
  }[] = [];
  const asked: string[] = [];
  /** The stored next run time as each export starts. */
  const storedNextRun: (number | undefined)[] = [];
  const signIn = { current: true as boolean, listeners: new Set<() => void>() };
  const runner = createScheduleRunner({
    jobs: {
      async start(request, file) {
        storedNextRun.push((await schedulesItem.getValue())[0]?.nextRunAt);
        const jobId = `job${started.length + 1}`;
        started.push({ request, file: file as ScheduledFile, jobId });
        const job: ExportJob = {
          id: jobId,
          reportId: request.reportId,
          format: request.format,
          boardIds: request.boardIds,
          accountName: 'acme',
          fileName: 'LeanKit/weekly/cards-board101.csv',
          state: 'running',
          bytes: 0,
          startedAt: clock.now,
          scheduleId: file?.scheduleId,
        };
        await jobsItem.setValue([job, ...(await jobsItem.getValue())]);
        return { jobId, done: Promise.resolve() };
      },
      async startSnapshot(request, file) {
        snapshots.push({ request, file: file as ScheduledFile });
        return { jobId: `snapshot${snapshots.length}`, done: Promise.resolve() };
      },
    },
    session: {
      current: async () =>
        signIn.current
          ? { origin: 'https://acme.leankit.com', accountName: 'acme', email: 'a@b.c' }
          : null,
      watch(listener) {
        signIn.listeners.add(listener);
        return () => signIn.listeners.delete(listener);
      },
    },
    alarms: fakeBrowser.alarms,
    askToSignIn: async (name) => void asked.push(name),
    now: () => clock.now,
    newId: () => 's1',
  });
  async function endJob(jobId: string, change: Partial<ExportJob>) {
    const jobs = (await jobsItem.getValue()).map((job) =>
      job.id === jobId ? { ...job, ...change } : job,
    );
    await jobsItem.setValue(jobs);
    await runner.onJobs(jobs);
  }
  const schedule = async () => (await schedulesItem.getValue())[0];
  const alarm = () => fakeBrowser.alarms.get(`${ALARM_PREFIX}s1`);
  return {
    clock,
    started,
    snapshots,
    asked,
    storedNextRun,
    signIn,
    runner,
    endJob,
    schedule,
    alarm,
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await staySignedInItem.setValue(true);
});

describe('the schedule runner', () => {
  it('saves a schedule turned on, with an alarm at its next run time', async () => {
    const { runner, schedule, alarm } = harness();
    await runner.save(setup);
    expect(await schedule()).toMatchObject({
      id: 's1',
      enabled: true,
      nextRunAt: at('2026-06-10T07:00:00Z'),
      results: [],
    });
    expect((await alarm())?.scheduledTime).toBe(at('2026-06-10T07:00:00Z'));
  });

  it('refuses a setup with a problem, saying which', async () => {
    const { runner } = harness();
    await expect(runner.save({ ...setup, name: '' })).rejects.toThrow('Give the schedule a name.');
    expect(await schedulesItem.getValue()).toEqual([]);
  });

  it('runs at its alarm into its folder, then records the file and moves the alarm on', async () => {
    const { clock, runner, started, endJob, schedule, alarm } = harness();
    await runner.save(setup);
    clock.now = at('2026-06-10T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    expect(started).toEqual([
      {
        request: { reportId: 'cards', format: 'csv', boardIds: ['101'] },
        file: {
          scheduleId: 's1',
          folder: 'LeanKit/weekly',
          fileNamePattern: 'cards-{board}',
          replaceFile: true,
        },
        jobId: 'job1',
      },
    ]);
    expect(await schedule()).toMatchObject({
      runningJobId: 'job1',
      nextRunAt: at('2026-06-11T07:00:00Z'),
    });
    expect((await alarm())?.scheduledTime).toBe(at('2026-06-11T07:00:00Z'));
    await endJob('job1', { state: 'done', path: '/dl/LeanKit/weekly/cards-board101.csv' });
    expect((await schedule())?.runningJobId).toBeUndefined();
    expect(await schedule()).toMatchObject({
      results: [
        { outcome: 'done', message: 'Saved /dl/LeanKit/weekly/cards-board101.csv', jobId: 'job1' },
      ],
    });
  });

  it('runs a board snapshot of its boards into its folder, keeping each run', async () => {
    const { runner, started, snapshots, schedule } = harness();
    await runner.save({
      ...setup,
      what: { kind: 'snapshot', output: 'csv-zip', boardIds: ['101', '102'] },
      where: { folder: 'LeanKit/snapshots', fileNamePattern: '{report}-{date}', keep: 'each-run' },
    });
    await runner.runNow('s1');
    expect(started).toEqual([]);
    expect(snapshots).toEqual([
      {
        request: { boardIds: ['101', '102'], output: 'csv-zip' },
        file: {
          scheduleId: 's1',
          folder: 'LeanKit/snapshots',
          fileNamePattern: '{report}-{date}',
          replaceFile: false,
        },
      },
    ]);
    expect((await schedule())?.runningJobId).toBe('snapshot1');
  });

  it('never overlaps runs of one schedule: the run due while one goes on is skipped, saying so', async () => {
    const { clock, runner, started, schedule } = harness();
    await runner.save(setup);
    clock.now = at('2026-06-10T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    await runner.runNow('s1');
    expect(started).toHaveLength(1);
    expect((await schedule())?.results).toEqual([
      { at: clock.now, outcome: 'skipped', message: STILL_RUNNING },
    ]);
  });

  it('after the browser was closed through a week of run times, runs once at start-up', async () => {
    const { clock, runner, started, endJob, schedule } = harness();
    await runner.save(setup);
    clock.now = at('2026-06-17T09:00:00Z');
    await runner.start();
    expect(started).toHaveLength(1);
    expect((await schedule())?.nextRunAt).toBe(at('2026-06-18T07:00:00Z'));
    // Chrome also fires the alarm that passed while it was closed; the worker may start again.
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    await endJob('job1', { state: 'done' });
    await runner.start();
    expect(started).toHaveLength(1);
  });

  it('does not run while paused, and takes its alarm away', async () => {
    const { clock, runner, started, alarm } = harness();
    await runner.save(setup);
    await runner.setEnabled('s1', false);
    expect(await alarm()).toBeUndefined();
    clock.now = at('2026-06-12T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    await runner.start();
    expect(started).toEqual([]);
  });

  it('does not run without "Stay signed in", and says why', async () => {
    const { clock, runner, started, schedule } = harness();
    await staySignedInItem.setValue(false);
    await runner.save(setup);
    clock.now = at('2026-06-10T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    expect(started).toEqual([]);
    expect((await schedule())?.results[0]).toMatchObject({
      outcome: 'skipped',
      message: NEEDS_STAY_SIGNED_IN,
    });
  });

  it('signed out, waits and asks once to sign in, then runs right after the sign-in', async () => {
    const { clock, runner, started, asked, signIn, schedule } = harness();
    await runner.save(setup);
    signIn.current = false;
    clock.now = at('2026-06-10T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    clock.now = at('2026-06-11T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    expect(started).toEqual([]);
    expect(asked).toEqual(['weekly cards']);
    expect(await schedule()).toMatchObject({ waitingForSignIn: true });
    signIn.current = true;
    await runner.onSignIn();
    expect(started).toHaveLength(1);
    expect(await schedule()).toMatchObject({ runningJobId: 'job1' });
    expect((await schedule())?.waitingForSignIn).toBeUndefined();
  });

  it('a run whose token expires on the way waits, asks once, and goes on with its job', async () => {
    const { clock, runner, asked, endJob, schedule } = harness();
    await runner.save(setup);
    clock.now = at('2026-06-10T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    await endJob('job1', { state: 'waiting-for-sign-in' });
    await endJob('job1', { state: 'waiting-for-sign-in', bytes: 10 });
    expect(asked).toEqual(['weekly cards']);
    expect(await schedule()).toMatchObject({ waitingForSignIn: true, runningJobId: 'job1' });
    await endJob('job1', { state: 'running' });
    expect(await schedule()).toMatchObject({ runningJobId: 'job1' });
    expect((await schedule())?.waitingForSignIn).toBeUndefined();
  });

  it('pauses itself after 3 failed runs in a row, and its alarm goes', async () => {
    const { clock, runner, endJob, schedule, alarm } = harness();
    await runner.save(setup);
    for (const [index, day] of ['10', '11', '12'].entries()) {
      clock.now = at(`2026-06-${day}T07:00:00Z`);
      await runner.onAlarm(`${ALARM_PREFIX}s1`);
      await endJob(`job${index + 1}`, {
        state: 'failed',
        error: { kind: 'server', message: 'LeanKit had a problem.' },
      });
    }
    const paused = await schedule();
    expect(paused).toMatchObject({ enabled: false, pausedAfterFailures: true });
    expect(failuresInARow(paused?.results ?? [])).toBe(3);
    expect(await alarm()).toBeUndefined();
  });

  it('sets an alarm that fired before its time again, and runs nothing', async () => {
    const { clock, runner, started, alarm } = harness();
    await runner.save(setup);
    await fakeBrowser.alarms.clear(`${ALARM_PREFIX}s1`);
    clock.now = at('2026-06-10T06:59:59Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    expect(started).toEqual([]);
    expect((await alarm())?.scheduledTime).toBe(at('2026-06-10T07:00:00Z'));
  });

  it('moves the run time on before the export starts, so a stopped worker does not run it twice', async () => {
    const { clock, runner, storedNextRun, schedule } = harness();
    await runner.save(setup);
    clock.now = at('2026-06-10T07:00:00Z');
    await runner.onAlarm(`${ALARM_PREFIX}s1`);
    expect(storedNextRun).toEqual([at('2026-06-11T07:00:00Z')]);
    expect((await schedule())?.runningJobId).toBe('job1');
  });

  it('deletes a schedule and its alarm', async () => {
    const { runner, alarm } = harness();
    await runner.save(setup);
    await runner.remove('s1');
    expect(await schedulesItem.getValue()).toEqual([]);
    expect(await alarm()).toBeUndefined();
  });

  it('edits keep the history and move the next run', async () => {
    const { runner, schedule } = harness();
    await runner.save(setup);
    await runner.save({ ...setup, when: { every: 'day', time: '18:30' } }, 's1');
    expect(await schedule()).toMatchObject({
      nextRunAt: at('2026-06-10T18:30:00Z'),
      enabled: true,
    });
  });
});
