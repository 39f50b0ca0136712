/**
 * The date stage: LeanKit serves date-times in UTC as `YYYY-MM-DD HH:MM:SS` with up to 7
 * fractional digits (docs/reporting-api.md §4.4). A processed export can write them in another
 * time zone in the same shape, so spreadsheets read them the same way.
 */

import { createOffsetFinder } from '../timeZoneOffset';

/** `YYYY-MM-DD HH:MM:SS`, a `T` allowed, then a fraction and a `Z` that are kept or dropped. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?Z?$/;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The zone a recipe names, as an IANA name: `local` is this computer's. */
export function resolveTimeZone(zone: string): string {
  return zone === 'local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : zone;
}

/** Whether Intl knows this IANA time zone. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds since the epoch of a UTC date-time as LeanKit writes it; NaN for anything else. */
export function parseUtcDateTime(text: string): number {
  const match = DATE_TIME.exec(text);
  if (!match) return Number.NaN;
  const [, year, month, day, hours, minutes, seconds, fraction = ''] = match;
  return (
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hours),
      Number(minutes),
      Number(seconds),
    ) + Number(fraction.slice(1, 4).padEnd(3, '0'))
  );
}

/** A converter of date-times into one time zone (see createZoneConverter). */
export interface ZoneConverter {
  /** A UTC date-time as LeanKit writes it, in the zone, same shape; other text as it is. */
  (text: string): string;
  /**
   * The zone's `YYYY-MM-DD HH` for the date-time at `start`..`end` of `text`, when it has
   * LeanKit's own shape and its hour one offset of whole hours: the rest of the cell is the same in
   * the zone. '' for any other text, which the converter itself handles.
   */
  localHour(text: string, start: number, end: number): string;
}

/**
 * A converter of LeanKit's UTC date-times into `zone`, same shape, fraction kept; text that is not
 * a date-time comes back as it is. Asking Intl for every cell would cost more than the rest of the
 * export, so the zone is asked about each UTC day once, and about each hour of a day in which the
 * offset changes (zones change it at most once a day): in an hour with one offset of whole hours, only the `YYYY-MM-DD HH` part of a cell
 * changes, and is looked up; other cells (offsets like +05:30, the hour of a change) are computed.
 */
export function createZoneConverter(zone: string): ZoneConverter {
  const offsetAt = createOffsetFinder(zone);
  /** The offset from `start` for `length` ms, or NaN where it changes within them. */
  const offsetThrough = (start: number, length: number): number => {
    const first = offsetAt(start);
    return first === offsetAt(start + length - 1000) ? first : Number.NaN;
  };
  /** Per UTC day, then per UTC hour of a day with a change: one offset through it, or NaN. */
  const daily = new Map<number, number>();
  const hourly = new Map<number, number>();
  const offsetInHour = (hour: number): number => {
    const day = Math.floor(hour / 24);
    let offset = daily.get(day);
    if (offset === undefined) {
      offset = offsetThrough(day * DAY_MS, DAY_MS);
      daily.set(day, offset);
    }
    if (!Number.isNaN(offset)) return offset;
    offset = hourly.get(hour);
    if (offset === undefined) {
      offset = offsetThrough(hour * HOUR_MS, HOUR_MS);
      hourly.set(hour, offset);
    }
    return offset;
  };
  /**
   * A served UTC hour (see servedHour) → its `YYYY-MM-DD HH` in the zone, or '' where the
   * shortcut does not hold. Keyed by number: a key sliced from a cell would keep the whole chunk
   * of the report it came from alive.
   */
  const hourPrefixes = new Map<number, string>();
  const localHour = (text: string, start: number, end: number): string => {
    const key = servedHour(text, start, end);
    if (key < 0) return '';
    let local = hourPrefixes.get(key);
    if (local === undefined) {
      const time = Date.UTC(
        digitsAt(text, start, 4),
        digitsAt(text, start + 5, 2) - 1,
        digitsAt(text, start + 8, 2),
        digitsAt(text, start + 11, 2),
      );
      const offset = offsetInHour(Math.floor(time / HOUR_MS));
      local = offset % HOUR_MS === 0 ? formatDateTime(time + offset).slice(0, 13) : '';
      hourPrefixes.set(key, local);
    }
    return local;
  };
  const convert = (text: string): string => {
    const local = localHour(text, 0, text.length);
    if (local !== '') return local + text.slice(13);
    const match = DATE_TIME.exec(text);
    if (!match) return text;
    const [, year, month, day, hours, minutes, seconds, fraction = ''] = match;
    const time = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hours),
      Number(minutes),
      Number(seconds),
    );
    let offset = offsetInHour(Math.floor(time / HOUR_MS));
    if (Number.isNaN(offset)) offset = offsetAt(time);
    return `${formatDateTime(time + offset)}${fraction}`;
  };
  return Object.assign(convert, { localHour });
}

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const DOT = 46;

/**
 * A number naming the UTC hour of the date-time at `start`..`end` of `text` when it has LeanKit's
 * own shape, `YYYY-MM-DD HH:MM:SS` and maybe a fraction (month, day and hour in range); else -1.
 * Read from the character codes, so a cell's text is never copied.
 */
function servedHour(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 19 || (length > 19 && (length === 20 || text.charCodeAt(start + 19) !== DOT))) {
    return -1;
  }
  if (
    text.charCodeAt(start + 4) !== DASH ||
    text.charCodeAt(start + 7) !== DASH ||
    text.charCodeAt(start + 10) !== SPACE ||
    text.charCodeAt(start + 13) !== COLON ||
    text.charCodeAt(start + 16) !== COLON
  ) {
    return -1;
  }
  for (let i = start + 20; i < end; i++) if (!isDigit(text.charCodeAt(i))) return -1;
  const year = digitsAt(text, start, 4);
  const month = digitsAt(text, start + 5, 2);
  const day = digitsAt(text, start + 8, 2);
  const hour = digitsAt(text, start + 11, 2);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    digitsAt(text, start + 14, 2) < 0 ||
    digitsAt(text, start + 17, 2) < 0
  ) {
    return -1;
  }
  return ((year * 12 + month - 1) * 31 + day - 1) * 24 + hour;
}

/** The number written by `count` digits at `at`, or -1 if one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - ZERO;
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9;
}

/** `YYYY-MM-DD HH:MM:SS` of a time read as UTC, by arithmetic (Date#toISOString is slower). */
function formatDateTime(time: number): string {
  const days = Math.floor(time / DAY_MS);
  const seconds = Math.floor((time - days * DAY_MS) / 1000);
  return `${civilDate(days)} ${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
}

/** `YYYY-MM-DD` of a count of days since 1970-01-01, after Howard Hinnant's `civil_from_days`. */
function civilDate(daysSinceEpoch: number): string {
  const z = daysSinceEpoch + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
