import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/**
 * What each page loads, read from what `npm test` built. Sizes are `npm run bench`'s job; this
 * guards the one import that once blew the popup's budget: the CSV engine (the row pipeline,
 * lib/pipeline) belongs where exports are built only: Chrome's offscreen document, Firefox's
 * background page.
 */
const BUILDS = ['chrome-mv3', 'firefox-mv2', 'firefox-mv3'] as const;
// A sentence only the row pipeline has (its note for custom fields asked of another report).
const PIPELINE_MARK = 'Custom fields are columns of the Cards report only';
// A column id that only the report catalogue's column lists spell out.
const CATALOGUE_MARK = 'assignedUserEmailAddress';

/** The scripts a built page loads: its module entry and every chunk Vite preloads for it. */
function pageScripts(build: string, page: string): string[] {
  const html = readFileSync(resolve('.output', build, page), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((match) => match[1] ?? '');
}

function read(build: string, file: string): string {
  return readFileSync(resolve('.output', build, file), 'utf8');
}

for (const build of BUILDS) {
  test(`${build}: the popup and options pages load no CSV engine; where exports are built does`, () => {
    for (const page of ['popup.html', 'options.html']) {
      const scripts = pageScripts(build, page);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        expect(
          read(build, script).includes(PIPELINE_MARK),
          `${page} loads the row pipeline (${script})`,
        ).toBe(false);
        // The popup lists reports (lib/reportList.ts): their column lists stay out of its budget.
        expect(
          read(build, script).includes(CATALOGUE_MARK),
          `${page} loads the column catalogue (${script})`,
        ).toBe(false);
      }
    }
    const builder =
      build === 'chrome-mv3' ? pageScripts(build, 'offscreen.html') : ['background.js'];
    expect(
      builder.some((script) => read(build, script).includes(PIPELINE_MARK)),
      `${builder.join(', ')} has the row pipeline`,
    ).toBe(true);
  });
}

// A part only the XLSX writer names, and one of fflate's errors: the writer and its zip library.
const XLSX_MARKS = ['xl/workbook.xml', 'no stream handler'];

for (const build of BUILDS) {
  test(`${build}: the XLSX writer loads where exports are built, only when a workbook is made`, () => {
    const hasWriter = (file: string) => XLSX_MARKS.some((mark) => read(build, file).includes(mark));
    for (const page of ['popup.html', 'options.html', 'recipes.html']) {
      for (const script of pageScripts(build, page)) {
        expect(hasWriter(script), `${page} loads the XLSX writer (${script})`).toBe(false);
      }
    }
    for (const file of readdirSync(resolve('.output', build, 'content-scripts'))) {
      expect(hasWriter(`content-scripts/${file}`), file).toBe(false);
    }
    if (build !== 'chrome-mv3') {
      // Firefox's background page builds the files: its one script has the writer.
      expect(hasWriter('background.js')).toBe(true);
      return;
    }
    // Chrome: a chunk of its own, which the offscreen document imports when it makes a workbook;
    // neither the document's first scripts nor the service worker carry it.
    const offscreen = pageScripts(build, 'offscreen.html');
    expect(offscreen.some(hasWriter)).toBe(false);
    expect(hasWriter('background.js')).toBe(false);
    const chunks = readdirSync(resolve('.output', build, 'chunks'))
      .map((file) => `chunks/${file}`)
      .filter(hasWriter);
    expect(chunks).toHaveLength(1);
    const chunk = (chunks[0] ?? '').replace('chunks/', '');
    expect(offscreen.some((script) => read(build, script).includes(chunk))).toBe(true);
  });
}

for (const build of BUILDS) {
  test(`${build}: XLSX exports are converted in two worker scripts of their own, started where exports are built`, () => {
    // The sheet worker: the row pipeline and the writer's XML; the zip worker: fflate, no pipeline.
    const sheetWorker = read(build, 'xlsx-sheet-worker.js');
    expect(sheetWorker.includes(PIPELINE_MARK)).toBe(true);
    expect(sheetWorker.includes('xl/workbook.xml')).toBe(true);
    const zipWorker = read(build, 'xlsx-zip-worker.js');
    expect(zipWorker.includes(XLSX_MARKS[1] ?? '')).toBe(true);
    expect(zipWorker.includes(PIPELINE_MARK)).toBe(false);
    const builder =
      build === 'chrome-mv3' ? pageScripts(build, 'offscreen.html') : ['background.js'];
    expect(builder.some((script) => read(build, script).includes('xlsx-sheet-worker'))).toBe(true);
    for (const page of ['popup.html', 'options.html', 'recipes.html', 'flow.html']) {
      expect(pageScripts(build, page).some((script) => script.includes('worker'))).toBe(false);
    }
  });
}

/** The content script's budget (issue 5), as `npm run bench` measures it: every file, gzipped. */
const CONTENT_SCRIPT_BUDGET = 15 * 1024;

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

/** The Flow charts page's budget (issue 15): its JS, every script it loads, gzipped. */
const FLOW_PAGE_BUDGET = 80 * 1024;
// A sentence only the Flow charts page has (its cumulative flow definition).
const FLOW_MARK = 'so no line goes down';

for (const build of BUILDS) {
  test(`${build}: the Flow charts page's JS stays within 80 KB gzipped, and the popup loads none of it`, () => {
    const scripts = pageScripts(build, 'flow.html');
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, script) => sum + gzipSync(readFileSync(resolve('.output', build, script))).length,
      0,
    );
    expect(gzipped, `flow page: ${gzipped} bytes gzipped`).toBeLessThanOrEqual(FLOW_PAGE_BUDGET);
    expect(scripts.some((script) => read(build, script).includes(FLOW_MARK))).toBe(true);
    for (const script of pageScripts(build, 'popup.html')) {
      expect(read(build, script).includes(FLOW_MARK), script).toBe(false);
    }
  });
}
