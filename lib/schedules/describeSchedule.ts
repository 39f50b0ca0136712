import { FORMATS } from '../formats';
import { reportLabel } from '../jobs/jobStatus';
import { SNAPSHOT_LABEL, SNAPSHOT_ZIP_LABEL } from '../snapshot/snapshotOutputs';
import type { RunResult, Schedule, ScheduleWhat, ScheduleWhen } from './schedule';

// How a schedule reads on the options page and in what screen readers announce about it.

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** "Every day at 07:30", "Monday to Friday at 07:30", "Every Monday at 07:30", "Every hour at :05". */
export function whenText(when: ScheduleWhen): string {
  switch (when.every) {
    case 'hour':
      return `Every hour at :${String(when.minute).padStart(2, '0')}`;
    case 'day':
      return `Every day at ${when.time}`;
    case 'weekday':
      return `Monday to Friday at ${when.time}`;
    case 'week':
      return `Every ${WEEKDAYS[when.day]} at ${when.time}`;
  }
}

/**
 * "Cards as CSV, all boards", "Preset 'Open cards'", "Board snapshot as XLSX, board 101" (a board's
 * title where the board list knows it).
 */
export function whatText(
  what: ScheduleWhat,
  presetName?: string,
  boardTitle: (id: string) => string | undefined = () => undefined,
): string {
  if (what.kind === 'preset') return `Preset '${presetName ?? 'deleted preset'}'`;
  const boards =
    what.boardIds.length === 0
      ? 'all boards'
      : what.boardIds.length === 1
        ? (boardTitle(what.boardIds[0] as string) ?? `board ${what.boardIds[0]}`)
        : `${what.boardIds.length} boards`;
  const file =
    what.kind === 'snapshot'
      ? `${SNAPSHOT_LABEL} as ${what.output === 'xlsx' ? FORMATS.xlsx.label : SNAPSHOT_ZIP_LABEL}`
      : `${reportLabel(what.reportId)} as ${FORMATS[what.format].label}`;
  return `${file}, ${boards}`;
}

/** Where its files go: "LeanKit/weekly, replacing the previous file". */
export function whereText(schedule: Schedule): string {
  const folder = schedule.where.folder === '' ? 'the downloads folder' : schedule.where.folder;
  return `${folder}, ${schedule.where.keep === 'replace' ? 'replacing the previous file' : 'keeping each run'}`;
}

/** A schedule's state in a word or two, and why, when it cannot run as set. */
export function stateText(
  schedule: Schedule,
  staySignedIn: boolean,
): { state: string; why?: string } {
  if (schedule.pausedAfterFailures) {
    return {
      state: 'Paused after 3 failed runs in a row',
      why: 'Fix what the last run says, then choose Resume.',
    };
  }
  if (!schedule.enabled) return { state: 'Paused' };
  if (!staySignedIn) {
    return {
      state: 'Cannot run',
      why: 'Turn on "Stay signed in on this computer" below: schedules run when nobody is there to sign in.',
    };
  }
  if (schedule.waitingForSignIn)
    return { state: 'Waiting for you to sign in', why: 'It runs as soon as you sign in.' };
  if (schedule.runningJobId !== undefined) return { state: 'Running' };
  return { state: 'On' };
}

/** "Mon 1 Dec, 07:30" in the schedule's time zone. */
export function runTimeText(time: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(time);
}

/** The last run in words: "Done Mon 1 Dec, 07:30: Saved …", "Failed …: why". */
export function resultText(result: RunResult, timeZone: string): string {
  const outcome = { done: 'Done', failed: 'Failed', skipped: 'Not run' }[result.outcome];
  const message = result.message.replace(/^Not run: /, '');
  return `${outcome} ${runTimeText(result.at, timeZone)}: ${message}`;
}

/**
 * What changed between two readings of the schedules, for screen readers: a run that ended
 * (politely), a failure or a pause after failures (as an alert).
 */
export function scheduleNews(
  before: readonly Schedule[],
  after: readonly Schedule[],
): { polite: string[]; alert: string[] } {
  const news = { polite: [] as string[], alert: [] as string[] };
  for (const schedule of after) {
    const old = before.find((each) => each.id === schedule.id);
    if (!old) continue;
    const [latest] = schedule.results;
    // Storage hands out copies: a new result is told by its content.
    if (latest && JSON.stringify(latest) !== JSON.stringify(old.results[0])) {
      const line = `'${schedule.name}': ${resultText(latest, schedule.timeZone)}`;
      (latest.outcome === 'failed' ? news.alert : news.polite).push(line);
    }
    if (schedule.pausedAfterFailures && !old.pausedAfterFailures) {
      news.alert.push(`'${schedule.name}' paused after 3 failed runs in a row.`);
    }
    if (schedule.waitingForSignIn && !old.waitingForSignIn) {
      news.polite.push(`'${schedule.name}' waits for you to sign in.`);
    }
  }
  return news;
}
