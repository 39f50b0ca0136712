import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/**
 * What each page loads, read from what `npm test` built. Sizes are `npm run bench`'s job; this
 * guards the one import that once blew the popup's budget: the CSV engine (papaparse) belongs to
 * the background and the offscreen document only.
 */
const BUILDS = ['chrome-mv3', 'firefox-mv2', 'firefox-mv3'] as const;
// A string only papaparse's own code has (an error code it reports).
const PAPAPARSE_MARK = 'UndetectableDelimiter';

/** The scripts a built page loads: its module entry and every chunk Vite preloads for it. */
function pageScripts(build: string, page: string): string[] {
  const html = readFileSync(resolve('.output', build, page), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((match) => match[1] ?? '');
}

function read(build: string, file: string): string {
  return readFileSync(resolve('.output', build, file), 'utf8');
}

for (const build of BUILDS) {
  test(`${build}: the popup and options pages load no CSV engine; the background does`, () => {
    for (const page of ['popup.html', 'options.html']) {
      const scripts = pageScripts(build, page);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        expect(
          read(build, script).includes(PAPAPARSE_MARK),
          `${page} loads papaparse (${script})`,
        ).toBe(false);
      }
    }
    expect(
      read(build, 'background.js').includes(PAPAPARSE_MARK),
      'the background has papaparse',
    ).toBe(true);
  });
}

/** The content script's budget (issue 5), as `npm run bench` measures it: every file, gzipped. */
const CONTENT_SCRIPT_BUDGET = 15 * 1024;
// A column id that only the report catalogue's column lists spell out.
const CATALOGUE_MARK = 'assignedUserEmailAddress';

for (const build of BUILDS) {
  test(`${build}: the content script stays within 15 KB gzipped and carries no report catalogue`, () => {
    const dir = resolve('.output', build, 'content-scripts');
    const files = readdirSync(dir);
    const gzipped = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(resolve(dir, file))).length,
      0,
    );
    expect(gzipped, `content script: ${gzipped} bytes gzipped`).toBeLessThanOrEqual(
      CONTENT_SCRIPT_BUDGET,
    );
    for (const file of files) {
      expect(read(build, `content-scripts/${file}`).includes(CATALOGUE_MARK), file).toBe(false);
    }
  });
}

/** The popup's budget (issue 13, P3), as `npm run bench` measures it: its JS and CSS, each gzipped. */
const POPUP_BUDGET = 30 * 1024;
// A sentence only the "Columns and filters" page has (its preset import).
const EDITOR_MARK = 'Not imported: ';

for (const build of BUILDS) {
  test(`${build}: the popup stays within 30 KB gzipped and loads nothing of the Columns and filters page`, () => {
    const html = readFileSync(resolve('.output', build, 'popup.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map(
      (match) => match[1] ?? '',
    );
    const gzipped = assets.reduce(
      (sum, asset) => sum + gzipSync(readFileSync(resolve('.output', build, asset))).length,
      0,
    );
    expect(gzipped, `popup: ${gzipped} bytes gzipped`).toBeLessThanOrEqual(POPUP_BUDGET);
    for (const script of pageScripts(build, 'popup.html')) {
      expect(read(build, script).includes(EDITOR_MARK), script).toBe(false);
    }
    expect(
      pageScripts(build, 'recipes.html').some((script) =>
        read(build, script).includes(EDITOR_MARK),
      ),
    ).toBe(true);
  });
}
