/**
 * LeanKit's text cells as typed spreadsheet cells: numbers, booleans and dates become real values
 * (a CSV opened in Excel turns ids into `1.23E+17` and leaves dates as text); ids and anything a
 * typed column holds that is not its type stay text, cleaned to what an .xlsx may hold.
 */

import { daysFromCivil, daysInMonth } from '../civilDays';
import type { ColumnType } from '../reports';

export type CellValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** An Excel serial date (1900 date system); `time` says whether it shows a time of day. */
  | { readonly kind: 'date'; readonly serial: number; readonly time: boolean }
  /** Text as the cell shows it: cleaned and cut, not XML-escaped. */
  | { readonly kind: 'text'; readonly value: string };

/** A cell's value from LeanKit's text; undefined for an empty cell. */
export type CellTyper = (text: string | undefined) => CellValue | undefined;

/** The most characters an Excel cell holds. */
export const MAX_CELL_CHARS = 32_767;

/** Excel keeps 15 significant digits: a number with more would change, so it stays text. */
const MAX_DIGITS = 15;

/**
 * A column named as an id (`cardId`, `Board ID`, `card_id`): always text, whatever its declared
 * type, since LeanKit's ids outgrow Excel's 15 digits and must stay exact.
 */
const ID_HEADER = /(?:^|[\s_])(?:id|Id|ID)$|[a-z0-9](?:Id|ID)$/;

export function isIdColumn(header: string): boolean {
  return ID_HEADER.test(header);
}

/** How a column's cells are typed: by its declared type, ids always as text. */
export function cellTyper(column: { header: string; type: ColumnType }): CellTyper {
  const type = isIdColumn(column.header) ? 'string' : column.type;
  const typed = TYPED[type];
  return (text) => {
    if (text === undefined || text === '') return undefined;
    return typed(text) ?? textCell(text);
  };
}

const TYPED: Readonly<Record<ColumnType, (text: string) => CellValue | undefined>> = {
  string: () => undefined,
  int: numberCell,
  bool: booleanCell,
  date: (text) => dateCell(text, false),
  datetime: (text) => dateCell(text, true),
};

/**
 * A whole or decimal number (`-?digits(.digits)?`: no `+`, exponent or grouping) with at most 15
 * significant digits. Read by char codes: this runs for every number cell of the export.
 */
function numberCell(text: string): CellValue | undefined {
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  const intStart = i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === intStart) return undefined;
  const intEnd = i;
  if (i < text.length) {
    if (text.charCodeAt(i) !== DOT) return undefined;
    i++;
    const fractionStart = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === fractionStart || i < text.length) return undefined;
  }
  // Significant digits: from the first non-zero digit to the last, across the decimal point.
  let first = intStart;
  while (first < text.length && (text.charCodeAt(first) === ZERO || first === intEnd)) first++;
  if (first === text.length) return { kind: 'number', value: Number(text) };
  let last = text.length - 1;
  while (text.charCodeAt(last) === ZERO || last === intEnd) last--;
  const digits = last - first + 1 - (first < intEnd && last > intEnd ? 1 : 0);
  if (digits > MAX_DIGITS) return undefined;
  return { kind: 'number', value: Number(text) };
}

function booleanCell(text: string): CellValue | undefined {
  if (text === '1' || (text.length === 4 && text.toLowerCase() === 'true')) return TRUE;
  if (text === '0' || (text.length === 5 && text.toLowerCase() === 'false')) return FALSE;
  return undefined;
}

const TRUE: CellValue = { kind: 'boolean', value: true };
const FALSE: CellValue = { kind: 'boolean', value: false };

const ZERO = 48;
const MINUS = 45;
const DOT = 46;
const COLON = 58;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written by the `count` digits at `at`, or -1 if they are not all digits. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, for serials from 1900-03-01 on. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serials before this one count Excel's 1900-02-29, a day that never was (Lotus 1-2-3's bug). */
const FIRST_SERIAL_AFTER_FEBRUARY_1900 = 61;
/** 9999-12-31, the last day Excel shows. */
const LAST_SERIAL = 2_958_465;

/**
 * LeanKit's dates (`2019-04-15`) and date-times (`2019-04-15T19:05:14Z`,
 * `2019-04-15 19:05:14.9070000`), all in UTC; more generally
 * `YYYY-MM-DD([ T]HH:MM(:SS(.fraction)?)?)?(Z|±HH:?MM)?`, to the millisecond. Read by char codes
 * and calendar arithmetic, without a regex or a Date: this runs for every date cell of the export.
 */
function dateCell(text: string, time: boolean): CellValue | undefined {
  const ms = utcMilliseconds(text);
  if (Number.isNaN(ms)) return undefined;
  let serial = (ms - EXCEL_EPOCH) / DAY_MS;
  if (serial < FIRST_SERIAL_AFTER_FEBRUARY_1900) serial -= 1;
  if (serial < 1 || serial >= LAST_SERIAL + 1) return undefined;
  return { kind: 'date', serial, time };
}

/** Milliseconds since 1970 of a date or date-time of dateCell's forms; NaN for other text. */
function utcMilliseconds(text: string): number {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== MINUS || text.charCodeAt(7) !== MINUS) return NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return NaN;
  }
  let ms = daysFromCivil(year, month, day) * DAY_MS;
  let at = 10;
  const separator = text.charCodeAt(at);
  if (separator === 32 || separator === 84 /* T */) {
    const hours = digitsAt(text, 11, 2);
    const minutes = digitsAt(text, 14, 2);
    if (text.charCodeAt(13) !== COLON || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
      return NaN;
    }
    ms += (hours * 60 + minutes) * 60_000;
    at = 16;
    if (text.charCodeAt(at) === COLON) {
      const seconds = digitsAt(text, 17, 2);
      if (seconds < 0 || seconds > 59) return NaN;
      ms += seconds * 1000;
      at = 19;
      if (text.charCodeAt(at) === DOT) {
        at++;
        const fractionStart = at;
        while (isDigit(text.charCodeAt(at))) at++;
        if (at === fractionStart) return NaN;
        // Milliseconds: the fraction's first three digits, as if padded with zeros.
        for (let i = 0, scale = 100; i < 3; i++, scale /= 10) {
          if (fractionStart + i < at) ms += (text.charCodeAt(fractionStart + i) - ZERO) * scale;
        }
      }
    }
  }
  if (at === length) return ms;
  return ms - zoneOffsetMs(text, at);
}

/** Milliseconds a `Z`, `+02:00` or `-0530` zone from `at` to the end is ahead of UTC; NaN else. */
function zoneOffsetMs(text: string, at: number): number {
  const sign = text.charCodeAt(at);
  if (sign === 90 /* Z */) return at + 1 === text.length ? 0 : NaN;
  if (sign !== 43 /* + */ && sign !== MINUS) return NaN;
  const minutesAt = text.charCodeAt(at + 3) === COLON ? at + 4 : at + 3;
  const hours = digitsAt(text, at + 1, 2);
  const minutes = digitsAt(text, minutesAt, 2);
  if (hours < 0 || minutes < 0 || minutesAt + 2 !== text.length) return NaN;
  return (sign === MINUS ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what it removes.
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

/**
 * Text as a cell may hold it: forbidden characters removed, cut to Excel's limit (never between the
 * two halves of a character outside the BMP).
 */
export function textCell(text: string): CellValue {
  FORBIDDEN.lastIndex = 0;
  let value = FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text;
  if (value.length > MAX_CELL_CHARS) {
    const cut = MAX_CELL_CHARS - (isHighSurrogate(value.charCodeAt(MAX_CELL_CHARS - 1)) ? 1 : 0);
    value = value.slice(0, cut);
  }
  return { kind: 'text', value };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
