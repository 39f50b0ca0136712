import { describe, expect, it } from 'vitest';
import { declaredLength, endsWhole, hasDataRows, unexpectedContent } from '../exportContent';

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

describe('declaredLength', () => {
  it.each([
    [{ 'content-length': '10' }, 10],
    [{ 'transfer-encoding': 'chunked' }, undefined],
    [{ 'content-encoding': 'identity', 'content-length': '7' }, 7],
    [{}, undefined],
    [{ 'content-length': '1e3' }, undefined],
    [{ 'content-encoding': 'gzip', 'content-length': '10' }, undefined],
  ])('%j: %s', (headers, length) => {
    expect(declaredLength(new Headers(headers))).toBe(length);
  });
});

describe('hasDataRows', () => {
  it.each([
    ['cardId,title\n', 'csv', false],
    ['cardId,title\r\n', 'csv', false],
    ['cardId\ttitle', 'tab', false],
    ['cardId,title\n1,Fix it\n', 'csv', true],
    ['cardId\ttitle\r\n1\tFix it', 'tab', true],
    ['[]', 'json', false],
    [' [ ]\n', 'json', false],
    ['\uFEFF[]', 'json', false],
    ['[{"cardId":"1"}]', 'json', true],
    // Not JSON at all: not called empty, since that is never a guess.
    ['[{"cardId":', 'json', true],
  ] as const)('%j as %s → %s', (text, format, expected) => {
    expect(hasDataRows(text, format)).toBe(expected);
  });
});
