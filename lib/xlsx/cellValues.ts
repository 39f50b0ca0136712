/**
 * LeanKit's text cells as typed spreadsheet cells: numbers, booleans and dates become real values
 * (a CSV opened in Excel turns ids into `1.23E+17` and leaves dates as text); ids and anything a
 * typed column holds that is not its type stay text, cleaned to what an .xlsx may hold.
 */
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

/** A whole or decimal number, sign allowed, no exponent or grouping. */
const NUMBER = /^-?(\d+)(?:\.(\d+))?$/;

function numberCell(text: string): CellValue | undefined {
  const match = NUMBER.exec(text);
  if (!match) return undefined;
  const digits = `${match[1]}${match[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > MAX_DIGITS) return undefined;
  return { kind: 'number', value: Number(text) };
}

function booleanCell(text: string): CellValue | undefined {
  if (/^(?:true|1)$/i.test(text)) return { kind: 'boolean', value: true };
  if (/^(?:false|0)$/i.test(text)) return { kind: 'boolean', value: false };
  return undefined;
}

/**
 * LeanKit's dates (`2019-04-15`) and date-times (`2019-04-15T19:05:14Z`,
 * `2019-04-15 19:05:14.9070000`, seconds optional, a zone offset allowed), all in UTC.
 */
const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, for serials from 1900-03-01 on. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serials before this one count Excel's 1900-02-29, a day that never was (Lotus 1-2-3's bug). */
const FIRST_SERIAL_AFTER_FEBRUARY_1900 = 61;
/** 9999-12-31, the last day Excel shows. */
const LAST_SERIAL = 2_958_465;

function dateCell(text: string, time: boolean): CellValue | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', fraction = '', zone] =
    match;
  const fields = [Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes)];
  const [y, m, d, h, min] = fields as [number, number, number, number, number];
  const s = Number(seconds);
  if (h > 23 || min > 59 || s > 59) return undefined;
  const midnight = Date.UTC(y, m, d);
  const calendar = new Date(midnight);
  // Date.UTC rolls 2019-02-30 over into March: such a date is not one.
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== m) return undefined;
  const ms = Number(fraction.slice(1, 4).padEnd(3, '0'));
  const at = midnight + ((h * 60 + min) * 60 + s) * 1000 + ms - offsetMs(zone);
  let serial = (at - EXCEL_EPOCH) / DAY_MS;
  if (serial < FIRST_SERIAL_AFTER_FEBRUARY_1900) serial -= 1;
  if (serial < 1 || serial >= LAST_SERIAL + 1) return undefined;
  return { kind: 'date', serial, time };
}

/** Milliseconds a `Z`, `+02:00` or `-0530` zone is ahead of UTC. */
function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
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
