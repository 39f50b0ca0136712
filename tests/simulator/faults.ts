/**
 * Switchable faults (the interface agreed with the export engine, see README): rules say which
 * requests misbehave and how; the server asks `take()` once per request.
 */
import { STATUS_CODES } from 'node:http';
import { boom, jsonReply, type Reply } from './reply';

export type Fault =
  /** Answer with this status instead: a Boom JSON body by default, or a proxy's HTML error page. 429/503 may carry Retry-After. */
  | {
      kind: 'status';
      status: number;
      body?: 'json' | 'html';
      retryAfterSeconds?: number;
      /** The Boom body's `message` (JSON bodies); by default the status's own text. */
      message?: string;
    }
  /** Expire every token issued so far, then handle the request (so it gets 401 Invalid token). */
  | { kind: 'expire-tokens' }
  /** Wait this long before sending the status line and headers. */
  | { kind: 'slow-first-byte'; delayMs: number }
  /** Send the body at about this rate. */
  | { kind: 'slow-body'; bytesPerSecond: number }
  /** Send the status, headers and this many body bytes, then destroy the socket. */
  | { kind: 'drop-after-bytes'; bytes: number }
  /** Send the status, headers and this many body bytes, then the rest only after `release()`. */
  | { kind: 'hold-after-bytes'; bytes: number }
  /** A valid export with no rows (header row only for CSV/TAB, [] for JSON). */
  | { kind: 'empty' }
  /** Send the status, headers and this many body bytes, then nothing more, ever (until the client goes away). */
  | { kind: 'stall-after-bytes'; bytes: number }
  /** Answer as if `offset` were absent: the first page again, whatever offset was asked for. */
  | { kind: 'ignore-offset' }
  /**
   * The body gzip-encoded (Content-Encoding: gzip) and cut after `bytes` compressed bytes, before
   * the gzip trailer. `contentLength`: 'none' ends a chunked response cleanly there; 'sent' declares
   * exactly the bytes sent, so the response itself looks complete; 'whole' declares the whole
   * compressed length, then closes the connection early.
   */
  | { kind: 'gzip-cut'; bytes: number; contentLength: 'none' | 'sent' | 'whole' }
  /**
   * A close-delimited body (no Content-Length, no chunked encoding, `Connection: close`) that ends
   * by closing the connection after `bytes` bytes: to HTTP/1.1 that is a complete response.
   */
  | { kind: 'close-after-bytes'; bytes: number }
  /** `200` with a web page (a single sign-on login, as a captive portal also sends) instead of the export. */
  | { kind: 'html-page' }
  /** `200` with a JSON notice (`{"message": …}`, application/json) whatever format was asked for. */
  | { kind: 'json-notice'; message?: string }
  /**
   * CSV quoted only where a delimiter or line break needs it (the quoteAll=false reading), written
   * by a naive writer: the first row's `column` (default `cardTitle`) is `27" monitor stand`, a bare
   * `"` inside an unquoted field.
   */
  | { kind: 'bare-quote'; column?: string }
  /**
   * Answer with a redirect to `location`: an absolute URL (another LeanKit account, or another
   * server such as `https://evil.example.com/…`, which the simulator also answers, see
   * otherHost.ts) or a path.
   */
  | { kind: 'redirect'; status: RedirectStatus; location: string };

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number];

export interface FaultRule {
  fault: Fault;
  /** Only requests whose path starts with this; default '/io/reporting/export/'. */
  path?: string;
  /** Let this many matching requests through untouched first (e.g. 401 on the third page). Default 0. */
  after?: number;
  /** How many matching requests it hits before it is used up. Default 1; Infinity = until cleared. */
  times?: number;
}

const DEFAULT_PATH = '/io/reporting/export/';

interface ActiveRule {
  readonly fault: Fault;
  readonly path: string;
  readonly after: number;
  readonly times: number;
  passed: number;
  hits: number;
}

/** The rules in the order added; a request takes the first matching rule that is not used up. */
export class FaultRules {
  private rules: ActiveRule[] = [];
  private holds: (() => void)[] = [];

  add(rule: FaultRule): void {
    const problem = ruleProblem(rule);
    if (problem) throw new TypeError(`Invalid fault rule: ${problem}`);
    this.rules.push({
      fault: { ...rule.fault },
      path: rule.path ?? DEFAULT_PATH,
      after: rule.after ?? 0,
      times: rule.times ?? 1,
      passed: 0,
      hits: 0,
    });
  }

  clear(): void {
    this.rules = [];
  }

  /** Settles at the next `release()`: what a held body waits for. */
  whenReleased(): Promise<void> {
    return new Promise((resolve) => this.holds.push(resolve));
  }

  /** Lets every body held so far go on, so a test decides when an export may finish. */
  release(): void {
    for (const release of this.holds.splice(0)) release();
  }

  /** The fault for a request to `path`, if any (and counts it against its rule). */
  take(path: string): Fault | undefined {
    const rule = this.rules.find(
      (candidate) => path.startsWith(candidate.path) && candidate.hits < candidate.times,
    );
    if (!rule) return undefined;
    if (rule.passed < rule.after) {
      rule.passed++;
      return undefined;
    }
    rule.hits++;
    return rule.fault;
  }
}

/** What is wrong with a rule (e.g. one posted to the admin endpoint), or undefined. */
export function ruleProblem(rule: FaultRule): string | undefined {
  const { fault } = rule;
  if (typeof fault !== 'object' || fault === null) return 'fault must be an object';
  if (rule.path !== undefined && (typeof rule.path !== 'string' || !rule.path.startsWith('/'))) {
    return 'path must start with /';
  }
  if (rule.after !== undefined && !isCount(rule.after)) return 'after must be a whole number';
  if (
    rule.times !== undefined &&
    rule.times !== Infinity &&
    !(isCount(rule.times) && rule.times > 0)
  ) {
    return 'times must be a positive whole number or Infinity';
  }
  switch (fault.kind) {
    case 'status':
      if (!(Number.isInteger(fault.status) && fault.status >= 400 && fault.status <= 599)) {
        return 'status must be 400–599';
      }
      if (fault.body !== undefined && fault.body !== 'json' && fault.body !== 'html') {
        return 'body must be "json" or "html"';
      }
      if (fault.retryAfterSeconds !== undefined && !isCount(fault.retryAfterSeconds)) {
        return 'retryAfterSeconds must be a whole number';
      }
      if (fault.message !== undefined && typeof fault.message !== 'string') {
        return 'message must be a string';
      }
      return undefined;
    case 'slow-first-byte':
      return isCount(fault.delayMs) ? undefined : 'delayMs must be a whole number';
    case 'slow-body':
      return isCount(fault.bytesPerSecond) && fault.bytesPerSecond > 0
        ? undefined
        : 'bytesPerSecond must be a positive whole number';
    case 'drop-after-bytes':
    case 'hold-after-bytes':
    case 'stall-after-bytes':
    case 'close-after-bytes':
      return isCount(fault.bytes) ? undefined : 'bytes must be a whole number';
    case 'gzip-cut':
      if (!isCount(fault.bytes)) return 'bytes must be a whole number';
      return ['none', 'sent', 'whole'].includes(fault.contentLength)
        ? undefined
        : 'contentLength must be "none", "sent" or "whole"';
    case 'json-notice':
      return fault.message === undefined || typeof fault.message === 'string'
        ? undefined
        : 'message must be a string';
    case 'bare-quote':
      return fault.column === undefined || typeof fault.column === 'string'
        ? undefined
        : 'column must be a string';
    case 'expire-tokens':
    case 'empty':
    case 'ignore-offset':
    case 'html-page':
      return undefined;
    case 'redirect':
      if (!(REDIRECT_STATUSES as readonly unknown[]).includes(fault.status)) {
        return `status must be one of ${REDIRECT_STATUSES.join(', ')}`;
      }
      return typeof fault.location === 'string' && fault.location !== ''
        ? undefined
        : 'location must be a URL or a path';
    default:
      return 'unknown fault kind';
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The reply of a `status` fault: Boom JSON like the API, or the HTML page a proxy in front sends. */
export function statusFaultReply(fault: Extract<Fault, { kind: 'status' }>): Reply {
  const retryAfter: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  if (fault.body === 'html') {
    return {
      status: fault.status,
      headers: { 'content-type': 'text/html', ...retryAfter },
      body: proxyErrorPage(fault.status),
    };
  }
  const reply = boom(
    fault.status,
    fault.message ??
      (fault.status === 500
        ? 'An internal server error occurred'
        : (STATUS_CODES[fault.status] ?? 'Error')),
  );
  return { ...reply, headers: { ...reply.headers, ...retryAfter } };
}

/** A single sign-on login page, as an identity provider (or a captive portal) answers with `200`. */
export function signInPageReply(): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head><meta charset="utf-8"><title>Sign in to your account</title></head>',
      '<body>',
      '<form method="post" action="/sso/login">',
      '<label>Email <input name="email" type="email"></label>',
      '<button type="submit">Continue</button>',
      '</form>',
      '</body>',
      '</html>',
      '',
    ].join('\n'),
  };
}

export const DEFAULT_NOTICE = 'Advanced Reporting is being updated. Try again later.';

/** A `200` JSON notice in place of the export. */
export function jsonNoticeReply(fault: Extract<Fault, { kind: 'json-notice' }>): Reply {
  return jsonReply(200, { message: fault.message ?? DEFAULT_NOTICE });
}

/** The reply of a `redirect` fault: the status, its Location, and a short HTML note as servers send. */
export function redirectFaultReply(fault: Extract<Fault, { kind: 'redirect' }>): Reply {
  return {
    status: fault.status,
    headers: { location: fault.location, 'content-type': 'text/html' },
    body: `<a href="${fault.location}">Moved</a>\n`,
  };
}

/** nginx's own error page, byte for byte in its layout (CRLF line ends). */
function proxyErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return [
    '<html>',
    `<head><title>${title}</title></head>`,
    '<body>',
    `<center><h1>${title}</h1></center>`,
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}
