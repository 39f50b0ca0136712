import { parseUtcDateTime } from '../pipeline/dates';

/**
 * Calendar days, the unit of every flow metric: a day is a whole number, days since 1970-01-01
 * of the calendar in one IANA time zone, so "finish day − start day + 1" is plain subtraction.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** `YYYY-MM-DD` alone: a calendar date, no time of day. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Milliseconds since the epoch of a date or date-time as LeanKit writes it, read as UTC
 * (`2019-04-15`, `2019-04-15T19:05:14Z`, `2019-04-15 19:05:14.9070000`); NaN for anything else,
 * impossible dates (`2019-02-30`) included.
 */
export function parseLeanKitDate(text: string): number {
  const date = DATE_ONLY.exec(text);
  const time = date
    ? Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))
    : parseUtcDateTime(text);
  if (Number.isNaN(time)) return time;
  // Date.UTC rolls 2019-02-30 over to March: a date that does not round-trip is not a date.
  return new Date(time).toISOString().slice(0, 10) === text.slice(0, 10) ? time : Number.NaN;
}

/**
 * A function giving the calendar day in `timeZone` of an instant (epoch ms). Intl is asked once
 * per UTC hour met (offsets change on the hour in every zone that has a change in our data's
 * years, half-hour zones included), because asking it per card position would dominate the work.
 */
export function createDayCounter(timeZone = 'UTC'): (time: number) => number {
  if (timeZone === 'UTC') return (time) => Math.floor(time / DAY_MS);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsets = new Map<number, number>();
  const offsetOfHour = (hour: number): number => {
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const local: Record<string, number> = {};
      for (const part of parts.formatToParts(hour * HOUR_MS)) local[part.type] = Number(part.value);
      offset =
        Date.UTC(
          local.year ?? 1970,
          (local.month ?? 1) - 1,
          local.day ?? 1,
          local.hour ?? 0,
          local.minute ?? 0,
        ) -
        hour * HOUR_MS;
      offsets.set(hour, offset);
    }
    return offset;
  };
  return (time) => Math.floor((time + offsetOfHour(Math.floor(time / HOUR_MS))) / DAY_MS);
}

/** `YYYY-MM-DD` of a calendar day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before a day (1970-01-01, day 0, was a Thursday). */
export function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}
