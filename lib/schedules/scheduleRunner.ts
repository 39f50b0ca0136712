import type { Browser } from 'wxt/browser';
import { LeanKitError, toErrorInfo } from '../errors';
import type { ExportJobs } from '../jobs/exportJobs';
import type { ExportJob, ScheduledFile } from '../jobs/jobRecords';
import type { ScheduleAction, StartExportRequest } from '../messaging';
import { withPreset } from '../recipes/presets';
import type { SessionService } from '../session';
import { jobsItem, schedulesItem, staySignedInItem } from '../storage/items';
import { checkSchedule } from './checkSchedule';
import { catchUp, nextRunAfter } from './nextRun';
import { enabled, paused, resultOfJob, withResult } from './runResults';
import type { RunResult, Schedule, ScheduleSetup } from './schedule';

/** Each schedule has an alarm of its own, named by its id, at its next run time. */
export const ALARM_PREFIX = 'schedule:';

/** Why a run did not start, or waits; each is shown in the schedule's history. */
export const STILL_RUNNING = 'Not run: the run before was still going.';
export const NEEDS_STAY_SIGNED_IN =
  'Not run: scheduled exports need "Stay signed in on this computer" (in the options), so that they can run after the browser restarts.';
export const NO_SUCH_SCHEDULE = 'This schedule no longer exists.';

type Alarms = Pick<typeof Browser.alarms, 'create' | 'clear' | 'getAll'>;

interface Deps {
  jobs: Pick<ExportJobs, 'start' | 'startSnapshot'>;
  session: Pick<SessionService, 'current' | 'watch'>;
  alarms: Alarms;
  /** Tells the user a run waits for them to sign in (toolbar badge, notification if they chose). */
  askToSignIn: (scheduleName: string) => Promise<void>;
  now?: () => number;
  newId?: () => string;
}

type Trigger = 'alarm' | 'catch-up' | 'now' | 'sign-in';

/**
 * Runs scheduled exports in the background: keeps one alarm per enabled schedule at its next run
 * time, starts each run through the export engine (retries, progress, waiting for a sign-in, the
 * recent downloads list), records each run's result from its job, and catches up once on the
 * schedules whose run time passed while the browser was closed. Only it writes `schedulesItem`,
 * one change at a time.
 */
export function createScheduleRunner({
  jobs,
  session,
  alarms,
  askToSignIn,
  now = Date.now,
  newId = () => crypto.randomUUID(),
}: Deps) {
  let queue: Promise<unknown> = Promise.resolve();
  /** One change at a time: every decision reads what the one before wrote. */
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const done = queue.then(work);
    queue = done.catch(() => undefined);
    return done;
  }

  async function change(id: string, edit: (schedule: Schedule) => Schedule | null): Promise<void> {
    const schedules = await schedulesItem.getValue();
    const next = schedules.flatMap((schedule) => {
      if (schedule.id !== id) return [schedule];
      const edited = edit(schedule);
      return edited ? [edited] : [];
    });
    await schedulesItem.setValue(next);
    await syncAlarms(next);
  }

  async function find(id: string): Promise<Schedule> {
    const schedule = (await schedulesItem.getValue()).find((each) => each.id === id);
    if (!schedule) throw new LeanKitError('not-found', NO_SUCH_SCHEDULE);
    return schedule;
  }

  /** One alarm per enabled schedule, at its next run time; none for the others. */
  async function syncAlarms(schedules: readonly Schedule[]): Promise<void> {
    const wanted = new Map<string, number>(
      schedules.flatMap((schedule) =>
        schedule.enabled && schedule.nextRunAt !== undefined
          ? [[`${ALARM_PREFIX}${schedule.id}`, schedule.nextRunAt] as const]
          : [],
      ),
    );
    const existing = (await alarms.getAll()).filter((alarm) => alarm.name.startsWith(ALARM_PREFIX));
    for (const alarm of existing) {
      if (wanted.get(alarm.name) !== alarm.scheduledTime) await alarms.clear(alarm.name);
    }
    for (const [name, when] of wanted) {
      if (!existing.some((alarm) => alarm.name === name && alarm.scheduledTime === when)) {
        await alarms.create(name, { when });
      }
    }
  }

  /** Decides whether the schedule runs now and, if so, starts its export. */
  async function run(id: string, trigger: Trigger): Promise<void> {
    const schedules = await schedulesItem.getValue();
    let schedule = schedules.find((each) => each.id === id);
    if (!schedule) return;
    const at = now();
    if (trigger === 'alarm' || trigger === 'catch-up') {
      // Chrome fires an alarm whose time passed while the browser was closed once it opens, and
      // the catch-up at start-up may have run it already.
      if (!schedule.enabled || schedule.nextRunAt === undefined) return;
      const due = catchUp(schedule.when, schedule.timeZone, schedule.nextRunAt, at);
      // An alarm fires once: one that came before its time is set again.
      if (!due.runNow) return syncAlarms(schedules);
      schedule = { ...schedule, nextRunAt: due.nextRunAt };
      // Claimed before the export starts: a worker stopped in between does not run it twice.
      const claimed = schedule;
      await change(id, () => claimed);
    }
    if (trigger === 'sign-in' && !schedule.waitingForSignIn) return;
    const outcome = await startRun(schedule, at);
    await change(id, () => outcome);
  }

  async function startRun(schedule: Schedule, at: number): Promise<Schedule> {
    const skipped = (message: string): Schedule =>
      withResult({ ...schedule, waitingForSignIn: undefined }, { at, outcome: 'skipped', message });
    if (schedule.runningJobId !== undefined) return skipped(STILL_RUNNING);
    if (!(await staySignedInItem.getValue())) return skipped(NEEDS_STAY_SIGNED_IN);
    if (!(await session.current())) return waitForSignIn(schedule);
    try {
      const { jobId } = await startJob(schedule);
      return { ...schedule, runningJobId: jobId, waitingForSignIn: undefined };
    } catch (cause) {
      const error = toErrorInfo(cause);
      if (error.kind === 'token-expired' || error.kind === 'not-signed-in') {
        return waitForSignIn(schedule);
      }
      const failed: RunResult = { at, outcome: 'failed', message: error.message };
      return withResult({ ...schedule, waitingForSignIn: undefined }, failed);
    }
  }

  /** The run's export: a snapshot, or a report (a preset's as it is now), into the schedule's folder. */
  async function startJob(schedule: Schedule): Promise<{ jobId: string }> {
    const file: ScheduledFile = {
      scheduleId: schedule.id,
      folder: schedule.where.folder,
      fileNamePattern: schedule.where.fileNamePattern,
      replaceFile: schedule.where.keep === 'replace',
    };
    const { what } = schedule;
    if (what.kind === 'snapshot') {
      return jobs.startSnapshot({ boardIds: [...what.boardIds], output: what.output }, file);
    }
    const request: StartExportRequest =
      what.kind === 'preset'
        ? await withPreset({ reportId: '', format: 'csv', boardIds: [], presetId: what.presetId })
        : { reportId: what.reportId, format: what.format, boardIds: what.boardIds };
    return jobs.start(request, file);
  }

  async function waitForSignIn(schedule: Schedule): Promise<Schedule> {
    if (schedule.waitingForSignIn) return schedule;
    await askToSignIn(schedule.name);
    return { ...schedule, waitingForSignIn: true };
  }

  /** Each scheduled run's job that has ended becomes a result; one waiting for a sign-in says so. */
  async function recordJobs(jobList: readonly ExportJob[]): Promise<void> {
    const schedules = await schedulesItem.getValue();
    const next: Schedule[] = [];
    for (const schedule of schedules) {
      const job = jobList.find((each) => each.id === schedule.runningJobId);
      next.push(schedule.runningJobId === undefined ? schedule : await afterJob(schedule, job));
    }
    if (next.every((schedule, index) => schedule === schedules[index])) return;
    await schedulesItem.setValue(next);
    await syncAlarms(next);
  }

  /** The schedule as its run's job now stands (no job: it was cleared, and the run is over). */
  async function afterJob(schedule: Schedule, job: ExportJob | undefined): Promise<Schedule> {
    if (job?.state === 'running') {
      return schedule.waitingForSignIn ? { ...schedule, waitingForSignIn: undefined } : schedule;
    }
    if (job?.state === 'waiting-for-sign-in') return waitForSignIn(schedule);
    const result = job ? resultOfJob(job) : null;
    const ended = { ...schedule, runningJobId: undefined, waitingForSignIn: undefined };
    return result ? withResult(ended, result) : ended;
  }

  const runner = {
    /**
     * Saves a new schedule (turned on, its first run at its next run time) or the setup of an
     * existing one (its state and history kept). Refused, saying why, when the setup has a problem.
     */
    save(setup: ScheduleSetup, id?: string): Promise<Schedule> {
      return serially(async () => {
        const problem = checkSchedule(setup)[0];
        if (problem) throw new LeanKitError('bad-request', problem.message);
        const clean: ScheduleSetup = {
          name: setup.name.trim(),
          what: setup.what,
          when: setup.when,
          timeZone: setup.timeZone,
          where: setup.where,
        };
        if (id === undefined) {
          const schedule = enabled({ ...clean, id: newId(), enabled: true, results: [] }, now());
          const next = [...(await schedulesItem.getValue()), schedule];
          await schedulesItem.setValue(next);
          await syncAlarms(next);
          return schedule;
        }
        const current = await find(id);
        const saved: Schedule = {
          ...current,
          ...clean,
          nextRunAt: current.enabled ? nextRunAfter(clean.when, clean.timeZone, now()) : undefined,
        };
        await change(id, () => saved);
        return saved;
      });
    },

    /** Deletes a schedule; a run under way goes on as an ordinary export. */
    remove(id: string): Promise<void> {
      return serially(async () => {
        await find(id);
        await change(id, () => null);
      });
    },

    /** Turns a schedule on (from its next run time after now) or pauses it. */
    setEnabled(id: string, on: boolean): Promise<void> {
      return serially(async () => {
        await find(id);
        await change(id, (schedule) => (on ? enabled(schedule, now()) : paused(schedule)));
      });
    },

    /** Runs a schedule now, paused or not; its run times stay as they are. */
    runNow(id: string): Promise<void> {
      return serially(async () => {
        await find(id);
        await run(id, 'now');
      });
    },

    /** What the options page's buttons ask for. */
    act(id: string, action: ScheduleAction): Promise<void> {
      if (action === 'run') return runner.runNow(id);
      if (action === 'delete') return runner.remove(id);
      return runner.setEnabled(id, action === 'resume');
    },

    /** A browser alarm fired: runs its schedule if that is due. */
    onAlarm(name: string): Promise<void> {
      if (!name.startsWith(ALARM_PREFIX)) return Promise.resolve();
      return serially(() => run(name.slice(ALARM_PREFIX.length), 'alarm'));
    },

    /** The export jobs changed: records the runs that ended. */
    onJobs(jobList: readonly ExportJob[]): Promise<void> {
      return serially(() => recordJobs(jobList));
    },

    /**
     * At every start of the background: records runs that ended while it was stopped, runs each
     * schedule whose run time passed once (however many it missed), sets the alarms, and from then
     * on starts the runs waiting for a sign-in as soon as someone signs in.
     */
    start(): Promise<void> {
      session.watch(() => void runner.onSignIn());
      return serially(async () => {
        await recordJobs(await jobsItem.getValue());
        for (const schedule of await schedulesItem.getValue()) await run(schedule.id, 'catch-up');
        await syncAlarms(await schedulesItem.getValue());
      });
    },

    /** Someone signed in: the runs waiting for that start. */
    onSignIn(): Promise<void> {
      return serially(async () => {
        if (!(await session.current())) return;
        for (const schedule of await schedulesItem.getValue()) {
          // A job that waited for the sign-in goes on by itself (lib/jobs/exportJobs.ts).
          if (schedule.waitingForSignIn && schedule.runningJobId === undefined) {
            await run(schedule.id, 'sign-in');
          }
        }
      });
    },
  };
  return runner;
}

export type ScheduleRunner = ReturnType<typeof createScheduleRunner>;
