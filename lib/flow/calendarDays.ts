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
 * expression, digit by digit in line: a board's history has two dates in every one of its 100k
 * rows, and rows in a row mostly fall on the same day, whose time is kept.
 */
export function parseLeanKitDate(text: string): number {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return Number.NaN;
  const y1 = text.charCodeAt(0) - ZERO;
  const y2 = text.charCodeAt(1) - ZERO;
  const y3 = text.charCodeAt(2) - ZERO;
  const y4 = text.charCodeAt(3) - ZERO;
  const m1 = text.charCodeAt(5) - ZERO;
  const m2 = text.charCodeAt(6) - ZERO;
  const d1 = text.charCodeAt(8) - ZERO;
  const d2 = text.charCodeAt(9) - ZERO;
  // `>>> 0` makes a character below `0` a huge number: one test per digit.
  if (
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    y4 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    m2 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    d2 >>> 0 > 9
  ) {
    return Number.NaN;
  }
  const ymd = (((y1 * 10 + y2) * 10 + y3) * 10 + y4) * 10_000 + (m1 * 10 + m2) * 100 + d1 * 10 + d2;
  let date = lastDate;
  if (ymd !== lastYmd) {
    const year = Math.floor(ymd / 10_000);
    const month = m1 * 10 + m2;
    const day = d1 * 10 + d2;
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
      return Number.NaN;
    }
    date = daysFromCivil(year, month, day) * DAY_MS;
    lastYmd = ymd;
    lastDate = date;
  }
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
  const h1 = text.charCodeAt(11) - ZERO;
  const h2 = text.charCodeAt(12) - ZERO;
  const i1 = text.charCodeAt(14) - ZERO;
  const i2 = text.charCodeAt(15) - ZERO;
  const s1 = text.charCodeAt(17) - ZERO;
  const s2 = text.charCodeAt(18) - ZERO;
  // Hours 00 to 23, minutes and seconds 00 to 59.
  if (
    h1 >>> 0 > 2 ||
    h2 >>> 0 > 9 ||
    h1 * 10 + h2 > 23 ||
    i1 >>> 0 > 5 ||
    i2 >>> 0 > 9 ||
    s1 >>> 0 > 5 ||
    s2 >>> 0 > 9
  ) {
    return Number.NaN;
  }
  // The rest: nothing, `Z`, or a fraction of 1 to 7 digits then an optional `Z`.
  const end = text.charCodeAt(length - 1) === LETTER_Z ? length - 1 : length;
  let milliseconds = 0;
  if (end > 19) {
    if (text.charCodeAt(19) !== DOT || end === 20) return Number.NaN;
    let fraction = 0;
    for (let at = 20; at < end; at++) {
      const digit = text.charCodeAt(at) - ZERO;
      if (digit >>> 0 > 9) return Number.NaN;
      fraction = fraction * 10 + digit;
    }
    // `**` calls Math.pow, which cost more than the rest of the date; LeanKit writes 7 digits.
    const scale = end - 23;
    milliseconds = Math.floor(
      fraction / (scale >= 0 && scale <= 4 ? (TENS[scale] as number) : 10 ** scale),
    );
  }
  const time = ((h1 * 10 + h2) * 60 + i1 * 10 + i2) * 60 + s1 * 10 + s2;
  return date + time * 1000 + milliseconds;
}

/** The last valid date read (its digits as one number, `20190415`) and its time. */
let lastYmd = -1;
let lastDate = 0;

/** Exact powers of ten, 10⁰ to 10⁴. */
const TENS = [1, 10, 100, 1000, 10_000];
const ZERO = 48;
const DASH = 45;
const SPACE = 32;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;

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
