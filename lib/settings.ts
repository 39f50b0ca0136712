import { storage } from 'wxt/utils/storage';
import { DEFAULT_FILE_NAME_PATTERN } from './files';
import type { Format } from './reports';

/** The format a one-click export uses (popup default, board button). */
export const defaultFormatItem = storage.defineItem<Format>('sync:defaultFormat', {
  fallback: 'csv',
});

/**
 * Excel-friendly CSV: a UTF-8 byte-order mark, and cells that a spreadsheet would run as a formula
 * made inert (OWASP CSV injection). Changes the bytes, so such exports are processed, not direct.
 */
export const excelFriendlyCsvItem = storage.defineItem<boolean>('sync:excelFriendlyCsv', {
  fallback: false,
});

/**
 * Keep the token in local storage so it survives a browser restart (the user's explicit choice).
 * Local, not sync: the choice is about this computer only.
 */
export const staySignedInItem = storage.defineItem<boolean>('local:staySignedIn', {
  fallback: false,
});

/** How export files are named, with `{account}`-style parts (lib/files.ts). */
export const fileNamePatternItem = storage.defineItem<string>('sync:fileNamePattern', {
  fallback: DEFAULT_FILE_NAME_PATTERN,
});

/**
 * The boards last picked in the popup, per account name (board ids mean nothing on another
 * account). Local: board choices are about this computer's work.
 */
export const boardSelectionItem = storage.defineItem<Record<string, string[]>>(
  'local:boardSelection',
  { fallback: {} },
);
