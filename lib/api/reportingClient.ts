import { LeanKitError } from '../errors';
import { FORMATS, type ServedFormat } from '../formats';
import { findReport } from '../reports';
import { unexpectedContent } from './exportContent';
import {
  errorFromFetchFailure,
  errorFromResponse,
  parseRetryAfter,
  redirectError,
  unexpectedAnswerError,
} from './requestErrors';

/** What to export: one report, one format, all boards (empty list) or the listed boards. */
export interface ExportRequest {
  reportId: string;
  format: ServedFormat;
  boardIds: readonly string[];
  /** Rows after skipping `offset`, at most `limit` of them when given. Without it, every row. */
  page?: { offset: number; limit?: number };
}

export interface Credentials {
  email: string;
  password: string;
  accountName: string;
}

export interface SignInResult {
  token: string;
}

interface ClientOptions {
  fetch: typeof globalThis.fetch;
  /** `https://acme.leankit.com` */
  origin: string;
  now?: () => number;
}

/** A token as the user pasted it, without the `Bearer ` scheme some tools copy along with it. */
export function bareToken(pasted: string): string {
  return pasted.trim().replace(/^Bearer\s+/i, '');
}

/**
 * The Advanced Reporting API client (docs/reporting-api.md), and the only code that
 * builds LeanKit URLs, sets the Authorization header and reads LeanKit's error bodies. Pure: it
 * takes `fetch` and the account origin, and holds no state. The token always travels in the
 * Authorization header, never in a URL; a server's Retry-After arrives on the error it throws.
 * No redirect is followed: every request carries the password or the token, which must reach the
 * account's own origin only.
 */
export function createReportingClient({ fetch, origin, now = Date.now }: ClientOptions) {
  const host = new URL(origin).host;

  /** Every request to LeanKit goes through here; failures become `LeanKitError`s. */
  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      // 'manual', not 'error': a refused redirect then stays distinguishable from a network failure.
      response = await fetch(`${origin}${path}`, {
        ...init,
        credentials: 'omit',
        redirect: 'manual',
      });
    } catch (cause) {
      throw errorFromFetchFailure(cause, host);
    }
    // Browsers hand back an opaque redirect (status 0); Node's fetch, the 3xx itself.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel();
      throw redirectError(host);
    }
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now());
      throw await errorFromResponse(response, retryAfterMs);
    }
    return response;
  }

  function authorization(token: string): { Authorization: string } {
    return { Authorization: `Bearer ${token}` };
  }

  return {
    host,

    /** Trades the account's email and password for a reporting token. */
    async signIn(credentials: Credentials): Promise<SignInResult> {
      const response = await send('/io/reporting/auth', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(credentials),
      });
      const body: unknown = await response.json().catch(() => undefined);
      const token = (body as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token === '') {
        throw new LeanKitError(
          'server',
          'LeanKit answered the sign-in without a token. Try again.',
        );
      }
      return { token };
    },

    /**
     * Checks a token with a request for one board: cheap, and it needs a token LeanKit accepts on
     * this account and an account with Advanced Reporting (403 otherwise).
     */
    async checkToken(token: string): Promise<void> {
      const response = await send('/io/reporting/export/boards?format=json&limit=1', {
        headers: authorization(token),
      });
      await expectBoardsAnswer(response, host);
    },

    /** Starts an export and returns the response once its status is known to be good. */
    openExport(token: string, request: ExportRequest, signal?: AbortSignal): Promise<Response> {
      return send(exportPath(request), { headers: authorization(token), signal });
    },
  };
}

export type ReportingClient = ReturnType<typeof createReportingClient>;

/**
 * A token works only if LeanKit answers with the report itself: `200`, JSON, an array of boards.
 * Any other `2xx`, or a `200` web page (a single sign-on or captive-portal page answers that way),
 * means the token did not reach the report.
 */
async function expectBoardsAnswer(response: Response, host: string): Promise<void> {
  const wrong =
    response.status === 200
      ? unexpectedContent(response.headers.get('content-type'), 'json', host)
      : unexpectedAnswerError(host, 'other', FORMATS.json.label);
  if (wrong) {
    await response.body?.cancel();
    throw wrong;
  }
  const boards: unknown = await response.json().catch(() => undefined);
  const isBoardList =
    Array.isArray(boards) &&
    boards.every((board) => typeof board === 'object' && board !== null && 'boardId' in board);
  if (!isBoardList) throw unexpectedAnswerError(host, 'other', FORMATS.json.label);
}

function exportPath({ reportId, format, boardIds, page }: ExportRequest): string {
  const report = findReport(reportId);
  if (!report) throw new LeanKitError('not-found', `There is no report called "${reportId}".`);
  const query = new URLSearchParams({ format });
  if (report.boardScoped && boardIds.length > 0) query.set('boardId', boardIds.join(','));
  if (page) {
    query.set('offset', String(page.offset));
    if (page.limit !== undefined) query.set('limit', String(page.limit));
  }
  return `/io/reporting/export/${report.path}?${query}`;
}
