// @vitest-environment node

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../simulator/index';
import { expectNoTokenInFileNames, expectNoTokenInUrls } from './leakChecks';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.c2lnbmF0dXJl';

function request(overrides: Partial<RequestLogEntry>): RequestLogEntry {
  return {
    method: 'GET',
    path: '/io/reporting/export/cards',
    query: { format: 'csv' },
    tokenTransport: 'header',
    status: 200,
    bytes: 10,
    host: 'acme.leankit.com',
    ...overrides,
  };
}

describe('expectNoTokenInUrls', () => {
  it.each([
    ['the token as ?token=', { tokenTransport: 'query' as const, query: { token: '[redacted]' } }],
    ['a JWT in another parameter', { query: { format: 'csv', t: JWT } }],
    ['a JWT in the path', { path: `/io/reporting/export/${JWT}` }],
  ])('fails on %s', (_name, overrides) => {
    expect(() => expectNoTokenInUrls([request({}), request(overrides)])).toThrow(
      /travelled in a URL/,
    );
  });

  it('passes header-borne and token-less requests', () => {
    expect(() =>
      expectNoTokenInUrls([request({}), request({ method: 'POST', tokenTransport: 'none' })]),
    ).not.toThrow();
  });
});

describe('expectNoTokenInFileNames', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('fails on a file named with a JWT, passes ordinary names', async () => {
    dir = await mkdtemp(join(tmpdir(), 'leak-check-'));
    await writeFile(join(dir, 'leankit-acme-cards-all-20261127-1405.csv'), '');
    await expect(expectNoTokenInFileNames(dir)).resolves.toBeUndefined();
    await writeFile(join(dir, `cards-${JWT}.csv`), '');
    await expect(expectNoTokenInFileNames(dir)).rejects.toThrow(/token is in a file name/);
  });
});
