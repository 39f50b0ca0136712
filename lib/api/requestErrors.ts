import { isAbort, LeanKitError } from '../errors';

/**
 * The failures of a request to LeanKit, each a `LeanKitError` with its sentence: an answer's
 * status or body, a redirect, a body cut short, no answer at all. Apart from lib/errors.ts
 * because only where requests are made needs them (the background, the offscreen document);
 * the pages load the error type alone.
 */

/** The body LeanKit (hapi/Boom) sends with every failure. */
interface BoomBody {
  statusCode?: unknown;
  error?: unknown;
  message?: unknown;
}

/** Build the error for a failed API response, from its Boom body or, failing that, its status. */
export async function errorFromResponse(
  response: Response,
  retryAfterMs?: number,
): Promise<LeanKitError> {
  const apiMessage = await readApiMessage(response);
  const error = errorFromStatus(response.status, apiMessage);
  return retryAfterMs === undefined
    ? error
    : new LeanKitError(error.kind, error.message, error.status, retryAfterMs);
}

/**
 * A Retry-After header in milliseconds: either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function errorFromStatus(status: number, apiMessage?: string): LeanKitError {
  if (status === 401) {
    if (apiMessage?.startsWith('Login failed')) {
      return new LeanKitError('bad-credentials', apiMessage, status);
    }
    return new LeanKitError(
      'token-expired',
      'Your LeanKit session expired. Sign in again to continue.',
      status,
    );
  }
  if (status === 403) {
    return new LeanKitError(
      'forbidden',
      'This LeanKit account does not include Advanced Reporting, or your user may not use it. Ask your LeanKit administrator.',
      status,
    );
  }
  if (status === 404) {
    return new LeanKitError(
      'not-found',
      'LeanKit could not find this report on your account (404).',
      status,
    );
  }
  if (status === 429) {
    return new LeanKitError(
      'rate-limited',
      'LeanKit is receiving too many requests right now. Wait a minute and try again.',
      status,
    );
  }
  if (status >= 500) return serverError(status);
  const detail = apiMessage ? `: ${apiMessage}` : ` (error ${status})`;
  return new LeanKitError('bad-request', `LeanKit refused the request${detail}.`, status);
}

/**
 * A failure on LeanKit's side. One wording however it reached us: a status we read, or a download
 * the browser only reports as a server failure.
 */
export function serverError(status?: number): LeanKitError {
  return new LeanKitError(
    'server',
    'LeanKit had a problem answering. Try again in a few minutes.',
    status,
  );
}

/** A report body that stopped before its end, however the end was found missing. */
export function incompleteError(host: string): LeanKitError {
  return new LeanKitError(
    'incomplete',
    `The report from ${host} arrived incomplete: it stops before its end. Try again.`,
  );
}

/** What LeanKit sent in place of the report, said by its content type; none for the expected one. */
export function unexpectedAnswerError(
  host: string,
  received: 'web-page' | 'json' | 'other',
  expectedLabel: string,
): LeanKitError {
  const sentence = {
    'web-page': `${host} sent a web page instead of the report — perhaps a sign-in page of your company or of the network you are on. Open ${host} in a tab, sign in there, then try again.`,
    json: `${host} sent a JSON message instead of the ${expectedLabel} report. Try again later; if it keeps happening, ask your LeanKit administrator.`,
    other: `${host} sent something other than the ${expectedLabel} report. Try again later; if it keeps happening, ask your LeanKit administrator.`,
  }[received];
  return new LeanKitError('unexpected-answer', sentence);
}

/**
 * A redirect from the account's address. Never followed: it would carry the password or the token
 * to wherever it points, so the request stops here.
 */
export function redirectError(host: string): LeanKitError {
  return new LeanKitError(
    'redirected',
    `${host} sent the request on to another address. LeanKit Exporter never follows such a redirect, so your password and token stay with ${host}. Check the account address; if it is right, a proxy or sign-on page may be in the way: ask your IT team.`,
  );
}

/** The API's own `message`, or undefined when the body is not a Boom JSON body (e.g. a proxy's HTML page). */
async function readApiMessage(response: Response): Promise<string | undefined> {
  let body: BoomBody | null;
  try {
    body = JSON.parse(await response.text()) as BoomBody | null;
  } catch {
    return undefined;
  }
  // Blank comes back as '', which errorFromStatus treats as no message.
  return typeof body?.message === 'string' ? body.message.trim() : undefined;
}

/** The error for a `fetch` that threw before any response arrived. */
export function errorFromFetchFailure(cause: unknown, host: string): LeanKitError {
  if (isAbort(cause)) return new LeanKitError('aborted', 'Cancelled.');
  return new LeanKitError(
    'unreachable',
    `Could not reach ${host}. Check the account name and your internet connection.`,
  );
}

/**
 * An answer that stopped arriving: no byte for `stallMs` (lib/jobs/stallTimeout.ts), whether the
 * headers never came or the body stopped part-way.
 */
export function timeoutError(host: string, stallMs: number): LeanKitError {
  const seconds = Math.max(1, Math.round(stallMs / 1000));
  return new LeanKitError(
    'timeout',
    `${host} sent nothing for ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. Check your connection and try again; if it keeps happening, LeanKit may be overloaded: try again later.`,
  );
}
