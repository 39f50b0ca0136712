import { describe, expect, it } from 'vitest';
import { LeanKitError } from '../../errors';
import {
  errorFromFetchFailure,
  errorFromResponse,
  errorFromStatus,
  parseRetryAfter,
  timeoutError,
} from '../requestErrors';

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

describe('errorFromStatus', () => {
  it.each([
    [401, 'Login failed: wrong password', 'bad-credentials', 'Login failed: wrong password'],
    [
      401,
      'Invalid token',
      'token-expired',
      'Your LeanKit session expired. Sign in again to continue.',
    ],
    [401, undefined, 'token-expired', 'Your LeanKit session expired. Sign in again to continue.'],
    [
      403,
      undefined,
      'forbidden',
      'This LeanKit account does not include Advanced Reporting, or your user may not use it. Ask your LeanKit administrator.',
    ],
    [404, undefined, 'not-found', 'LeanKit could not find this report on your account (404).'],
    [
      429,
      undefined,
      'rate-limited',
      'LeanKit is receiving too many requests right now. Wait a minute and try again.',
    ],
    [500, 'x', 'server', 'LeanKit had a problem answering. Try again in a few minutes.'],
    [499, undefined, 'bad-request', 'LeanKit refused the request (error 499).'],
    [400, 'boardId is wrong', 'bad-request', 'LeanKit refused the request: boardId is wrong.'],
    [400, '', 'bad-request', 'LeanKit refused the request (error 400).'],
  ] as const)('%i with the message %j is %s: %s', (status, apiMessage, kind, message) => {
    const error = errorFromStatus(status, apiMessage);
    expect(error).toBeInstanceOf(LeanKitError);
    expect({
      name: error.name,
      kind: error.kind,
      message: error.message,
      status: error.status,
    }).toEqual({
      name: 'LeanKitError',
      kind,
      message,
      status,
    });
  });
});

describe('errorFromResponse reading the body', () => {
  it.each([
    [
      'a padded message, trimmed',
      JSON.stringify({ message: '  bad limit  ' }),
      'LeanKit refused the request: bad limit.',
    ],
    [
      'a blank message',
      JSON.stringify({ message: '   ' }),
      'LeanKit refused the request (error 400).',
    ],
    [
      'a message that is not text',
      JSON.stringify({ message: 42 }),
      'LeanKit refused the request (error 400).',
    ],
    ['a JSON null', 'null', 'LeanKit refused the request (error 400).'],
    [
      'a body that is not JSON',
      '<html>Bad request</html>',
      'LeanKit refused the request (error 400).',
    ],
  ])('%s', async (_name, body, message) => {
    const error = await errorFromResponse(new Response(body, { status: 400 }));
    expect(error.message).toBe(message);
  });

  it('falls back to the status when the body cannot be read', async () => {
    const response = new Response('{"message":"never read"}', { status: 400 });
    await response.text();
    expect((await errorFromResponse(response)).message).toBe(
      'LeanKit refused the request (error 400).',
    );
  });
});

describe('errorFromFetchFailure', () => {
  it('says the host could not be reached for a network failure', () => {
    const error = errorFromFetchFailure(new TypeError('Failed to fetch'), 'acme.leankit.com');
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('Could not reach acme.leankit.com');
  });

  it('treats an abort as a cancellation', () => {
    const error = errorFromFetchFailure(new DOMException('stop', 'AbortError'), 'acme.leankit.com');
    expect(error.toInfo()).toEqual({ kind: 'aborted', message: 'Cancelled.' });
  });

  it.each([
    ['another DOMException', new DOMException('gone', 'NetworkError')],
    ['a timeout of the fetch itself', new DOMException('slow', 'TimeoutError')],
    ['an error only named like a timeout', Object.assign(new Error('x'), { name: 'TimeoutError' })],
  ])('treats %s as no answer', (_name, cause) => {
    expect(errorFromFetchFailure(cause, 'acme.leankit.com').toInfo()).toEqual({
      kind: 'unreachable',
      message:
        'Could not reach acme.leankit.com. Check the account name and your internet connection.',
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T14:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    [' 120 ', 120_000],
    ['Fri, 27 Nov 2026 14:00:30 GMT', 30_000],
    ['Fri, 27 Nov 2026 13:00:00 GMT', 0],
    ['soon', undefined],
    ['12abc', undefined],
    ['x12', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %s ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('timeoutError', () => {
  it.each([
    [60_000, 'acme.leankit.com sent nothing for 60 seconds.'],
    [1_000, 'acme.leankit.com sent nothing for 1 second.'],
    [1_400, 'acme.leankit.com sent nothing for 1 second.'],
    [200, 'acme.leankit.com sent nothing for 1 second.'],
  ])('after %i ms says what happened and what to do', (ms, what) => {
    expect(timeoutError('acme.leankit.com', ms).toInfo()).toEqual({
      kind: 'timeout',
      message: `${what} Check your connection and try again; if it keeps happening, LeanKit may be overloaded: try again later.`,
    });
  });
});
