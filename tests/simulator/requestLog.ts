/** Request log entries, built so that no token value can ever reach the log. */
import type { TokenTransport } from './auth';
import type { Fault } from './faults';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query parameters; a `token` parameter's value is replaced by "[redacted]". */
  query: Record<string, string>;
  tokenTransport: TokenTransport;
  status: number;
  /** Body bytes sent. */
  bytes: number;
  /** The Host header's host name, without port. */
  host: string;
  /** Present when the request body carried a `password` field (its value is never logged). */
  passwordReceived?: true;
  /** The kind of fault injected into this request, if one was. */
  fault?: Fault['kind'];
}

export const REDACTED = '[redacted]';

/** The query as a plain object (first value wins, as the handlers read it), token redacted. */
export function loggedQuery(query: URLSearchParams): Record<string, string> {
  const logged: Record<string, string> = {};
  for (const [name, value] of query) {
    if (!Object.hasOwn(logged, name)) logged[name] = name === 'token' ? REDACTED : value;
  }
  return logged;
}
