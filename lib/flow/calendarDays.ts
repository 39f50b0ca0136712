/**
 * Calendar days, the unit of every flow metric: a day is a whole number, days since 1970-01-01
 * of the calendar in one IANA time zone, so "finish day − start day + 1" is plain subtraction.
 */

import { daysFromCivil, daysInMonth } from '../civilDays';
import { createOffsetFinder } from '../timeZoneOffset';

export const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/**
 * Milliseconds since the epoch of a date or date-time as LeanKit writes it, read as UTC
 * (`2019-04-15`, `2019-04-15T19:05:14Z`, `2019-04-15 19:05:14.9070000`); NaN for anything else,
 * impossible dates (`2019-02-30`) included. Read by character positions rather than a regular
 * expression: a board's history has a date in every one of its 100k rows.
 */
export function parseLeanKitDate(text: string): number {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
    return Number.NaN;
  }
  const date = daysFromCivil(year, month, day) * DAY_MS;
  if (length === 10) return date;
  const separator = text.charCodeAt(10);
  if (
    length < 19 ||
    (separator !== SPACE && separator !== LETTER_T) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return Number.NaN;
  }
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59)) return Number.NaN;
  // The rest: nothing, `Z`, or a fraction of 1 to 7 digits then an optional `Z`.
  const end = text.charCodeAt(length - 1) === LETTER_Z ? length - 1 : length;
  let milliseconds = 0;
  if (end > 19) {
    if (text.charCodeAt(19) !== DOT || end === 20) return Number.NaN;
    const fraction = digits(text, 20, end - 20);
    if (Number.isNaN(fraction)) return Number.NaN;
    milliseconds = Math.floor(fraction / 10 ** (end - 23));
  }
  return date + ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds;
}

const DASH = 45;
const SPACE = 32;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;

/** The number written by `count` decimal digits from `from`; NaN if any is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A function giving the calendar day in `timeZone` of an instant (epoch ms). Asking Intl for each
 * of 100k card positions would dominate the work, so it is asked once per UTC day met (the offset
 * at its first and last minute) and, on the rare day the offset changes (at most once a day), once
 * per quarter hour met: every zone changes on a quarter hour of UTC (Lord Howe at 15:30). One
 * counter per zone, kept: the metrics ask for one at each step and each settings change, and the
 * first look at a day (two Intl calls) is what costs.
 */
export function createDayCounter(timeZone = 'UTC'): (time: number) => number {
  let counter = dayCounters.get(timeZone);
  if (counter === undefined) {
    counter = newDayCounter(timeZone);
    dayCounters.set(timeZone, counter);
  }
  return counter;
}

const dayCounters = new Map<string, (time: number) => number>();

function newDayCounter(timeZone: string): (time: number) => number {
  if (timeZone === 'UTC') return (time) => Math.floor(time / DAY_MS);
  const offsetAt = createOffsetFinder(timeZone);
  /** Per UTC day: its one offset, or NaN when it changes that day. */
  const daily = new Map<number, number>();
  const quarterly = new Map<number, number>();
  // In front of `daily`, the offsets of the last days met by slot (the day modulo the slots): a
  // board's 100k positions fall on a few thousand days, each looked up many times.
  const slotDays = new Float64Array(DAY_SLOTS).fill(Number.NaN);
  const slotOffsets = new Float64Array(DAY_SLOTS);
  return (time) => {
    const utcDay = Math.floor(time / DAY_MS);
    const slot = utcDay & (DAY_SLOTS - 1);
    let offset: number | undefined;
    if (slotDays[slot] === utcDay) offset = slotOffsets[slot] as number;
    else {
      offset = daily.get(utcDay);
      if (offset === undefined) {
        const first = offsetAt(utcDay * DAY_MS);
        offset = first === offsetAt((utcDay + 1) * DAY_MS - 60_000) ? first : Number.NaN;
        daily.set(utcDay, offset);
      }
      slotDays[slot] = utcDay;
      slotOffsets[slot] = offset;
    }
    if (Number.isNaN(offset)) {
      const quarter = Math.floor(time / QUARTER_HOUR_MS);
      offset = quarterly.get(quarter);
      if (offset === undefined) {
        offset = offsetAt(quarter * QUARTER_HOUR_MS);
        quarterly.set(quarter, offset);
      }
    }
    return Math.floor((time + offset) / DAY_MS);
  };
}

/** Slots of the day counter's cache: days less than this apart never share one. */
const DAY_SLOTS = 1024;

/** `YYYY-MM-DD` of a calendar day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before a day (1970-01-01, day 0, was a Thursday). */
export function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}
