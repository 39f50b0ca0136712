import { DEFAULT_FILE_NAME_PATTERN } from './defaultFileNamePattern';
import { FORMATS, type Format } from './formats';

export interface FileNameParts {
  accountName: string;
  reportId: string;
  /** Empty for all boards. */
  boardIds: readonly string[];
  format: Format;
  /** When the export started; the name uses local time, as a user reads it. */
  date: Date;
  /** The user's file name pattern (options page); the default when absent or unusable. */
  pattern?: string;
  /** A file that is not one of the formats (a board snapshot's `xlsx` or `zip`): its extension. */
  extension?: string;
}

/** What each `{token}` of a file name pattern stands for. */
export const FILE_NAME_TOKENS = {
  account: 'account name, e.g. acme',
  report: 'report, e.g. cards',
  board: 'board scope: all, board101 or 3boards',
  date: 'date, e.g. 20261127',
  time: 'time, e.g. 1405',
  format: 'format: csv, tab, json or xlsx',
} as const;

type Token = keyof typeof FILE_NAME_TOKENS;

const MAX_STEM = 120;
const TOKEN = /\{([^{}]*)\}/g;
/**
 * Device names Windows keeps whatever the extension (Microsoft's "Naming Files, Paths, and
 * Namespaces"), superscript digits included, in any case.
 */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

/**
 * Whether Windows takes this file name for a device: the part before the first dot, less trailing
 * spaces (which Windows ignores), is a reserved name. `NUL.cards.csv`, `con.csv` and `Con .csv`
 * are; `console.csv` and `cards.con.csv` are not. Chrome refuses to download under such a name.
 */
export function isWindowsReservedName(fileName: string): boolean {
  const base = fileName.split('.', 1)[0] ?? '';
  return RESERVED.test(base.replace(/ +$/, ''));
}

/**
 * `leankit-acme-cards-all-20261127-1405.csv` by default. Safe on Windows, macOS and Linux: token
 * values keep to lower-case letters, digits and dashes, and the pattern's own text to letters,
 * digits, spaces, dots, dashes and underscores. Built only from the parts above, so a token never
 * gets in.
 */
export function exportFileName(parts: FileNameParts): string {
  const usable = parts.pattern !== undefined && checkFileNamePattern(parts.pattern) === null;
  const stem = fillPattern(usable ? (parts.pattern as string) : DEFAULT_FILE_NAME_PATTERN, parts);
  return `${stem}.${parts.extension ?? FORMATS[parts.format].extension}`;
}

/** Why a pattern cannot be used, in words, or null when it can. */
export function checkFileNamePattern(pattern: string): string | null {
  for (const [, name] of pattern.matchAll(TOKEN)) {
    // Stryker disable next-line StringLiteral: the capture group always matches, `??` is for the type.
    if (!Object.hasOwn(FILE_NAME_TOKENS, name ?? '')) {
      return `{${name}} is not a name part. Use ${Object.keys(FILE_NAME_TOKENS)
        .map((token) => `{${token}}`)
        .join(' ')}.`;
    }
  }
  // A known token leaves letters behind, so this only turns away patterns of separators alone.
  if (cleanLiteral(pattern).replace(/[-. ]/g, '') === '') {
    return 'Enter a pattern, for example leankit-{report}-{date}.';
  }
  return null;
}

function fillPattern(pattern: string, parts: FileNameParts): string {
  const values = tokenValues(parts);
  const filled = pattern
    .split(TOKEN)
    // split() with a capture group alternates literal text and token names.
    .map((piece, index) => (index % 2 === 1 ? values[piece as Token] : cleanLiteral(piece)))
    .join('');
  const stem = filled
    .replace(/-{2,}/g, '-')
    .replace(/^[-. ]+/, '')
    .slice(0, MAX_STEM)
    .replace(/[-. ]+$/, '');
  // Stryker disable next-line ConditionalExpression,StringLiteral: a usable pattern never fills to nothing; the guard stays.
  if (stem === '') return fillPattern(DEFAULT_FILE_NAME_PATTERN, parts);
  return isWindowsReservedName(stem) ? `leankit-${stem}` : stem;
}

function tokenValues({
  accountName,
  reportId,
  boardIds,
  format,
  date,
  extension,
}: FileNameParts): Record<Token, string> {
  const board =
    boardIds.length === 0
      ? 'all'
      : boardIds.length === 1
        ? `board${boardIds[0]}`
        : `${boardIds.length}boards`;
  return {
    account: safePart(accountName),
    report: safePart(reportId),
    board: safePart(board),
    date: `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`,
    time: `${pad(date.getHours())}${pad(date.getMinutes())}`,
    format: extension ?? format,
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The pattern's own text: anything outside letters, digits, space, dot, dash, underscore → dash. */
function cleanLiteral(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._-]+/g, '-').replace(/\.{2,}/g, '.');
}

/** Keeps a token value to letters, digits and single dashes, at most 40 characters. */
function safePart(part: string): string {
  const cleaned = part
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return cleaned === '' ? 'x' : cleaned;
}

/** Letters (any script) and digits of a title, lower case, dashes between, at most 40 characters. */
function titlePart(title: string): string {
  return title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/**
 * The stem of a file saved from the Flow charts page, named by its board's title where known
 * (`flow-team-alpha-cycle-time-2026-11-30`), else by its id (`flow-board101-…`). No separator or
 * dot of the title gets in, so the name stays a plain file name on every system.
 */
export function flowFileStem(
  board: { id: string; title?: string },
  chart: string,
  day: string,
): string {
  const part = board.title === undefined ? '' : titlePart(board.title);
  return `flow-${part === '' ? `board${board.id}` : part}-${chart}-${day}`;
}
