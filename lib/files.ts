import { FORMATS, type Format } from './reports';

export interface FileNameParts {
  accountName: string;
  reportId: string;
  /** Empty for all boards. */
  boardIds: readonly string[];
  format: Format;
  /** When the export started; the name uses local time, as a user reads it. */
  date: Date;
}

/**
 * `leankit-acme-cards-all-20261127-1405.csv`: safe on Windows, macOS and Linux (lower-case ASCII
 * letters, digits and dashes only), and built only from the parts above, so a token never gets in.
 */
export function exportFileName({
  accountName,
  reportId,
  boardIds,
  format,
  date,
}: FileNameParts): string {
  const scope =
    boardIds.length === 0
      ? 'all'
      : boardIds.length === 1
        ? `board${boardIds[0]}`
        : `${boardIds.length}boards`;
  const stamp = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
  const stem = ['leankit', accountName, reportId, scope, stamp].map(safePart).join('-');
  return `${stem}.${FORMATS[format].extension}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Keeps a part to letters, digits and single dashes, at most 40 characters. */
function safePart(part: string): string {
  const cleaned = part
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return cleaned === '' ? 'x' : cleaned;
}
