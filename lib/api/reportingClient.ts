import { errorFromFetchFailure, errorFromResponse, LeanKitError } from '../errors';
import { type Format, findReport } from '../reports';

/** What to export: one report, one format, all boards (empty list) or the listed boards. */
export interface ExportRequest {
  reportId: string;
  format: Format;
  boardIds: readonly string[];
  /** One page of rows: at most `limit`, after skipping `offset`. Without it, every row. */
  page?: { offset: number; limit: number };
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
}

/**
 * The Advanced Reporting API client (docs/reporting-api.md). Pure: it takes `fetch`
 * and the account origin, and holds no state. The token always travels in the Authorization header,
 * never in a URL.
 */
export function createReportingClient({ fetch, origin }: ClientOptions) {
  const host = new URL(origin).host;

  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${origin}${path}`, { ...init, credentials: 'omit' });
    } catch (cause) {
      throw errorFromFetchFailure(cause, host);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  return {
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

    /** The export's URL, without the token. */
    exportUrl(request: ExportRequest): string {
      return `${origin}${exportPath(request)}`;
    },

    /** Starts an export and returns the response once its status is known to be good. */
    openExport(token: string, request: ExportRequest, signal?: AbortSignal): Promise<Response> {
      return send(exportPath(request), {
        headers: { Authorization: `Bearer ${token}` },
        signal,
      });
    },
  };
}

export type ReportingClient = ReturnType<typeof createReportingClient>;

function exportPath({ reportId, format, boardIds, page }: ExportRequest): string {
  const report = findReport(reportId);
  if (!report) throw new LeanKitError('not-found', `There is no report called "${reportId}".`);
  const query = new URLSearchParams({ format });
  if (report.boardScoped && boardIds.length > 0) query.set('boardId', boardIds.join(','));
  if (page) {
    query.set('offset', String(page.offset));
    query.set('limit', String(page.limit));
  }
  return `/io/reporting/export/${report.path}?${query}`;
}
