/**
 * One error type for the whole extension. Every failure becomes a `LeanKitError` with a `kind`, and
 * every kind has a sentence a user understands. Errors cross the message boundary as `ErrorInfo`.
 */

export type ErrorKind =
  | 'bad-account'
  /** The user has not allowed the extension to reach their account's host (off leankit.com). */
  | 'no-permission'
  | 'bad-credentials'
  | 'token-expired'
  | 'not-signed-in'
  | 'bad-request'
  | 'not-found'
  | 'forbidden'
  | 'rate-limited'
  | 'server'
  | 'network'
  /** No answer came at all: the request failed before any response (no host, no route, refused). */
  | 'unreachable'
  | 'timeout'
  | 'aborted'
  /** The browser closed during the export, and nobody was signed in to start it again. */
  | 'interrupted'
  /** The user who started the export signed out, so it stopped. */
  | 'signed-out'
  /** Another user of the account signed in mid-export: it is not theirs to carry on. */
  | 'other-user'
  | 'disk'
  /** A body that stopped before its end (a cut gzip stream, a closed connection): worth a retry. */
  | 'incomplete'
  /** A `200` answer that is not the report asked for (a sign-in page, a JSON notice). */
  | 'unexpected-answer'
  /** The account's address sent a request carrying the password or token elsewhere. */
  | 'redirected';

/** What crosses the message boundary: plain data, safe to store and show. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
}

export class LeanKitError extends Error {
  override readonly name = 'LeanKitError';

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status?: number,
    /** How long the server asked us to wait before trying again (its Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  toInfo(): ErrorInfo {
    return { kind: this.kind, message: this.message };
  }
}

export function isAbort(cause: unknown): boolean {
  return cause instanceof Error && cause.name === 'AbortError';
}

/** Any thrown value as a `LeanKitError`: an abort is `aborted`, anything else as `toErrorInfo` says. */
export function asLeanKitError(cause: unknown): LeanKitError {
  if (cause instanceof LeanKitError) return cause;
  if (isAbort(cause)) return new LeanKitError('aborted', 'Cancelled.');
  const info = toErrorInfo(cause);
  return new LeanKitError(info.kind, info.message);
}

/** Why work under way stopped when its user signed out: none of it may go on with a later sign-in. */
export function signedOutError(): LeanKitError {
  return new LeanKitError('signed-out', 'Stopped because you signed out.');
}

/** Any thrown value, as something the UI can show. */
export function toErrorInfo(cause: unknown): ErrorInfo {
  if (cause instanceof LeanKitError) return cause.toInfo();
  if (isAbort(cause)) return { kind: 'aborted', message: 'Cancelled.' };
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { kind: 'server', message: `Something went wrong: ${detail}` };
}
