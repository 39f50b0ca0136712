/** A LeanKit board page, as read from its URL. */
export interface BoardLocation {
  /** `https://acme.leankit.com` */
  origin: string;
  accountName: string;
  /** The numeric board id, the same id the reporting `boardId` filter takes. */
  boardId: string;
}

// Board pages are `/board/<id>`, also with a trailing path, query or hash
// (docs/reporting-api.md §7.1); the legacy UI used `/Boards/View/<id>`.
const BOARD_PATH = /^\/(?:board|Boards\/View)\/(\d{1,20})(?:[/?#]|$)/;
const ACCOUNT_HOST = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.leankit\.com$/;

/** The board a URL shows, or null when it is not a LeanKit board page. */
export function parseBoardUrl(url: string): BoardLocation | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const account = ACCOUNT_HOST.exec(parsed.hostname);
  const board = BOARD_PATH.exec(parsed.pathname);
  if (!account?.[1] || !board?.[1]) return null;
  return { origin: parsed.origin, accountName: account[1], boardId: board[1] };
}
