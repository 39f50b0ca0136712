// @vitest-environment node

import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { extensionSourceFiles } from '../support/extensionSources';

/**
 * Where things live, checked over every source file of lib/, components/ and entrypoints/ (tests
 * excluded), so that a reviewer need not check it by hand (issue 11).
 */

/** The one fetch wrapper that talks to LeanKit: only it sets the token or builds a LeanKit URL. */
const API_CLIENT = 'lib/api/';
/** The auth scheme, anywhere in a file (comments too: a comment showing a header gets copied). */
const BEARER = /Bearer/;
/** A LeanKit Reporting API path in code (comments may name the endpoints they are about). */
const REPORTING_PATH = /\/io\/reporting/;
/** The one module that declares storage items, each with a JSDoc line. */
const STORAGE_ITEMS = 'lib/storage/items.ts';
const DEFINE_ITEM = /\bstorage\.defineItem\b/;

/** Each line of `source` that matches `rule`; with `codeOnly`, comment lines are skipped. */
function matching(source: string, rule: RegExp, codeOnly: boolean): string[] {
  return source
    .split('\n')
    .filter((line) => !codeOnly || !/^\s*(?:\/\/|\*|\/\*)/.test(line))
    .filter((line) => rule.test(line))
    .map((line) => line.trim());
}

describe('the rules can fail', () => {
  it.each([
    ["headers: { Authorization: 'Bearer ' + token },", BEARER, false],
    ["const cleaned = token.replace(/^Bearer\\s+/i, '');", BEARER, false],
    ['// send it as Bearer <token>', BEARER, false],
    ["const url = origin + '/io/reporting/export/boards?format=json';", REPORTING_PATH, true],
  ])('flags %s', (line, rule, codeOnly) => {
    expect(matching(line, rule, codeOnly)).toEqual([line]);
  });

  it.each([
    ['const response = await client.openExport(token, request);', BEARER, false],
    ['/** Path under `/io/reporting/export/`. */', REPORTING_PATH, true],
    [' * which `/io/reporting/auth` expects', REPORTING_PATH, true],
  ])('leaves %s alone', (line, rule, codeOnly) => {
    expect(matching(line, rule, codeOnly)).toEqual([]);
  });
});

describe('the extension’s code', () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = await extensionSourceFiles();
  });
  const read = (path: string) => readFile(path, 'utf8');
  const outsideApiClient = () => files.filter((path) => !path.startsWith(API_CLIENT));

  it('has source files to check, the API client among them', () => {
    expect(files).toContain('lib/api/reportingClient.ts');
    expect(files).toContain('lib/session.ts');
    expect(outsideApiClient().length).toBeGreaterThan(20);
  });

  it('writes `Bearer` only in the API client (lib/api/)', async () => {
    for (const path of outsideApiClient()) {
      expect([path, matching(await read(path), BEARER, false)]).toEqual([path, []]);
    }
    expect(matching(await read('lib/api/reportingClient.ts'), BEARER, false)).not.toEqual([]);
  });

  it('builds /io/reporting URLs only in the API client (lib/api/)', async () => {
    for (const path of outsideApiClient()) {
      expect([path, matching(await read(path), REPORTING_PATH, true)]).toEqual([path, []]);
    }
    expect(matching(await read('lib/api/reportingClient.ts'), REPORTING_PATH, true)).not.toEqual(
      [],
    );
  });

  it(`declares every storage item in ${STORAGE_ITEMS}, each with a JSDoc line`, async () => {
    for (const path of files.filter((file) => file !== STORAGE_ITEMS)) {
      expect([path, matching(await read(path), DEFINE_ITEM, true)]).toEqual([path, []]);
    }
    const lines = (await read(STORAGE_ITEMS)).split('\n');
    const items = lines.flatMap((line, at) => (DEFINE_ITEM.test(line) ? [at] : []));
    expect(items.length).toBeGreaterThan(10);
    for (const at of items) {
      // The JSDoc comment ends right above the declaration.
      expect([lines[at], lines[at - 1]?.trim().endsWith('*/')]).toEqual([lines[at], true]);
    }
  });
});
