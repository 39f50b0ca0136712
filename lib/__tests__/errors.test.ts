import { describe, expect, it } from 'vitest';
import {
  errorFromFetchFailure,
  errorFromResponse,
  LeanKitError,
  parseRetryAfter,
  toErrorInfo,
} from '../errors';

function boom(statusCode: number, error: string, message: string): Response {
  return new Response(JSON.stringify({ statusCode, error, message }), {
    status: statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

describe('errorFromResponse', () => {
  it.each([
    [
      boom(401, 'Unauthorized', 'Login failed: email or password is incorrect'),
      'bad-credentials',
      /^Login failed: email or password is incorrect$/,
    ],
    [
      boom(401, 'Unauthorized', 'Invalid token'),
      'token-expired',
      /session expired\. Sign in again/,
    ],
    [boom(401, 'Unauthorized', 'Missing authentication'), 'token-expired', /Sign in again/],
    [
      boom(400, 'Bad Request', 'format must be one of csv, tab, json'),
      'bad-request',
      /format must be one of csv, tab, json/,
    ],
    [boom(403, 'Forbidden', 'Forbidden'), 'forbidden', /Advanced Reporting/],
    [boom(404, 'Not Found', 'Not Found'), 'not-found', /could not find this report/],
    [boom(429, 'Too Many Requests', 'Rate limit'), 'rate-limited', /too many requests/],
    [
      boom(500, 'Internal Server Error', 'An internal server error occurred'),
      'server',
      /^LeanKit had a problem answering\. Try again in a few minutes\.$/,
    ],
    [
      new Response('<html><body>Bad gateway</body></html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html' },
      }),
      'server',
      /^LeanKit had a problem answering\. Try again in a few minutes\.$/,
    ],
    [new Response('not json', { status: 418 }), 'bad-request', /error 418/],
  ])('turns %#: a %s answer into a %s error', async (response, kind, message) => {
    const error = await errorFromResponse(response);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.status).toBe(response.status);
  });
});

describe('errorFromFetchFailure', () => {
  it('says the host could not be reached for a network failure', () => {
    const error = errorFromFetchFailure(new TypeError('Failed to fetch'), 'acme.leankit.com');
    expect(error.kind).toBe('network');
    expect(error.message).toContain('Could not reach acme.leankit.com');
  });

  it('treats an abort as a cancellation', () => {
    const error = errorFromFetchFailure(new DOMException('stop', 'AbortError'), 'acme.leankit.com');
    expect(error.kind).toBe('aborted');
  });

  it('treats a timeout as a timeout', () => {
    const error = errorFromFetchFailure(
      new DOMException('slow', 'TimeoutError'),
      'acme.leankit.com',
    );
    expect(error.kind).toBe('timeout');
  });
});

describe('toErrorInfo', () => {
  it('keeps the kind and message of our own errors', () => {
    expect(toErrorInfo(new LeanKitError('disk', 'Disk full.'))).toEqual({
      kind: 'disk',
      message: 'Disk full.',
    });
  });

  it('wraps anything else without losing what happened', () => {
    expect(toErrorInfo(new Error('boom'))).toEqual({
      kind: 'server',
      message: 'Something went wrong: boom',
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T14:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Fri, 27 Nov 2026 14:00:30 GMT', 30_000],
    ['Fri, 27 Nov 2026 13:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %s ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
