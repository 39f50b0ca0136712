import { describe, expect, it } from 'vitest';
import {
  confirmWholeBody,
  declaredLength,
  endCheckedByBrowser,
  endsWhole,
  unexpectedContent,
} from '../exportContent';

const HOST = 'acme.leankit.com';

describe('unexpectedContent', () => {
  it.each([
    ['text/csv; charset=utf-8', 'csv'],
    ['Text/CSV', 'csv'],
    ['text/tab-separated-values; charset=utf-8', 'tab'],
    ['application/json; charset=utf-8', 'json'],
    ['', 'csv'],
    [null, 'tab'],
    ['text/plain', 'csv'],
    ['application/octet-stream', 'json'],
  ] as const)('lets %j through for %s', (type, format) => {
    expect(unexpectedContent(type, format, HOST)).toBeUndefined();
  });

  it.each([
    [
      'text/html; charset=utf-8',
      'csv',
      /^acme\.leankit\.com sent a web page instead of the report/,
    ],
    ['application/xhtml+xml', 'json', /sent a web page instead of the report/],
    ['application/json; charset=utf-8', 'csv', /sent a JSON message instead of the CSV report/],
    ['application/json', 'tab', /sent a JSON message instead of the TAB report/],
    ['text/csv', 'json', /sent something other than the JSON report/],
    ['text/csv', 'tab', /sent something other than the TAB report/],
    ['image/png', 'csv', /sent something other than the CSV report/],
  ] as const)('refuses %j for %s', (type, format, message) => {
    const error = unexpectedContent(type, format, HOST);
    expect(error?.kind).toBe('unexpected-answer');
    expect(error?.message).toMatch(message);
  });
});

describe('endsWhole', () => {
  it.each([
    ['a,b\r\n', 'csv', true],
    ['a\tb\n', 'tab', true],
    ['a,b', 'csv', false],
    ['"a\r', 'csv', false],
    ['[{"a":1}]', 'json', true],
    ['[]\n', 'json', true],
    ['[{"a":1},{"a"', 'json', false],
  ] as const)('%j as %s: %s', (tail, format, whole) => {
    expect(endsWhole(tail, format)).toBe(whole);
  });
});

describe('endCheckedByBrowser and declaredLength', () => {
  it.each([
    [{ 'content-length': '10' }, true, 10],
    [{ 'transfer-encoding': 'chunked' }, true, undefined],
    [{ 'content-encoding': 'identity', 'content-length': '7' }, true, 7],
    [{}, false, undefined],
    [{ 'content-encoding': 'gzip', 'content-length': '10' }, false, undefined],
    [{ 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' }, false, undefined],
  ])('%j: checked %s, length %s', (headers, checked, length) => {
    expect(endCheckedByBrowser(new Headers(headers))).toBe(checked);
    expect(declaredLength(new Headers(headers))).toBe(length);
  });
});

describe('confirmWholeBody', () => {
  const answer = (body: string, headers: Record<string, string> = {}) =>
    new Response(body, { headers: { 'content-type': 'text/csv', ...headers } });

  it('trusts the browser when the framing let it check the end, without reading the body', async () => {
    const response = answer('a,b\r\n', { 'transfer-encoding': 'chunked' });
    await confirmWholeBody(response, 999, 'csv', HOST);
    expect(response.bodyUsed).toBe(false);
  });

  it('confirms a close-delimited or gzip body as long as the file that ends well', async () => {
    await expect(
      confirmWholeBody(answer('a,b\r\nc,d\r\n', { 'content-encoding': 'gzip' }), 10, 'csv', HOST),
    ).resolves.toBeUndefined();
    await expect(
      confirmWholeBody(answer('a,b\r\nc,d\r\n'), 10, 'csv', HOST),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['the file is shorter than the answer', 'a,b\r\nc,d\r\n', 7],
    ['the file is longer than the answer', 'a,b\r\nc,d\r\n', 12],
    ['the answer itself stops mid-row', 'a,b\r\nc,', 7],
  ])('fails as incomplete when %s', async (_name, body, bytes) => {
    await expect(confirmWholeBody(answer(body), bytes, 'csv', HOST)).rejects.toMatchObject({
      kind: 'incomplete',
      message:
        'The report from acme.leankit.com arrived incomplete: it stops before its end. Try again.',
    });
  });

  it('refuses an answer that is a web page', async () => {
    const page = new Response('<html></html>', { headers: { 'content-type': 'text/html' } });
    await expect(confirmWholeBody(page, 13, 'csv', HOST)).rejects.toMatchObject({
      kind: 'unexpected-answer',
    });
  });
});
