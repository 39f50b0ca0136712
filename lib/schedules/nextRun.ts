import { createOffsetFinder } from '../timeZoneOffset';
import type { ScheduleWhen } from './schedule';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The first run time of `when` strictly after `after` (ms since the epoch), in `timeZone`'s
 * wall-clock time. Daylight saving changes follow the rule of JavaScript's Temporal
 * ("compatible"): a time the clocks skip (02:30 when they jump from 02:00 to 03:00) runs as late
 * as the jump (03:30); a time that happens twice (clocks back from 03:00 to 02:00) runs the first
 * time only. Hourly runs are every real hour, at `minute` past each hour of local time.
 */
export function nextRunAfter(when: ScheduleWhen, timeZone: string, after: number): number {
  const offset = createOffsetFinder(timeZone);
  if (when.every === 'hour') return nextHourly(when.minute, offset, after);
  const [hour, minute] = when.time.split(':').map(Number) as [number, number];
  const local = new Date(after + offset(after));
  // A weekly slot is at most 7 days on, plus one for a slot earlier today; skipped times can
  // push a candidate past the end of its day, hence two more.
  for (let days = 0; days <= 9; days++) {
    const date = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days);
    if (!runsOn(when, new Date(date).getUTCDay())) continue;
    const at = wallClockToInstant(date + hour * 3_600_000 + minute * MINUTE_MS, offset);
    if (at > after) return at;
  }
  // Unreachable for a checked schedule: every kind runs at least once a week.
  throw new RangeError(`no run time within 9 days of ${new Date(after).toISOString()}`);
}

function runsOn(when: Exclude<ScheduleWhen, { every: 'hour' }>, weekday: number): boolean {
  if (when.every === 'weekday') return weekday >= 1 && weekday <= 5;
  if (when.every === 'week') return weekday === when.day;
  return true;
}

/**
 * The instant a wall-clock time (as if UTC, ms) happens in the zone: the earlier of two in an
 * overlap; in a gap, the wall-clock time read with the offset from before the gap, which lands as
 * late after the gap's end as it was after its start.
 */
export function wallClockToInstant(wallClock: number, offset: (time: number) => number): number {
  // Every zone's offset changes at most once within a day either side.
  const before = offset(wallClock - DAY_MS);
  const after = offset(wallClock + DAY_MS);
  const valid = [wallClock - before, wallClock - after].filter(
    (instant) => instant + offset(instant) === wallClock,
  );
  return valid.length > 0 ? Math.min(...valid) : wallClock - before;
}

function nextHourly(minute: number, offset: (time: number) => number, after: number): number {
  let at = Math.floor(after / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  // Offsets that change by whole hours keep the minute; a half-hour change (Lord Howe Island)
  // moves it once, and the second look finds it.
  for (;;) {
    const localMinute = Math.floor((at + offset(at)) / MINUTE_MS) % 60;
    if (localMinute === minute) return at;
    at += ((((minute - localMinute) % 60) + 60) % 60) * MINUTE_MS;
  }
}

/**
 * What happens when the schedule is looked at (`now`, ms): with its next run time passed, one run
 * now, however many run times were missed while the browser was closed, and the next run time
 * after now.
 */
export function catchUp(
  when: ScheduleWhen,
  timeZone: string,
  nextRunAt: number,
  now: number,
): { runNow: boolean; nextRunAt: number } {
  if (nextRunAt > now) return { runNow: false, nextRunAt };
  return { runNow: true, nextRunAt: nextRunAfter(when, timeZone, now) };
}
