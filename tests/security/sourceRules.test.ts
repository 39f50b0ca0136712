// @vitest-environment node

import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { extensionSourceFiles } from '../support/extensionSources';

/**
 * Rules the extension's own code keeps, checked over every source file of lib/, components/ and
 * entrypoints/ (tests excluded): issue 7, "security properties as tests".
 */

/** Writing markup from strings: with outside data in them, that is script injection. */
const HTML_SINKS =
  /\b(?:innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write(?:ln)?|srcdoc)\b/;
/** Running strings as code: Chrome Web Store and AMO forbid it, and we never need it. */
const CODE_FROM_STRINGS =
  /\beval\s*\(|\bnew\s+Function\s*\(|\bset(?:Timeout|Interval)\s*\(\s*['"`]/;
/** Any console call: a log line can carry a session or token, so the extension logs nothing. */
const CONSOLE = /\bconsole\s*\.\s*\w+/;

/** The deliberate console calls, each with why it cannot print a secret. */
const CONSOLE_ALLOWED: Record<string, { count: number; reason: string }> = {
  'entrypoints/content/index.tsx': {
    count: 1,
    reason:
      'console.debug of why the board button could not mount (a DOM error); the content script never holds a token',
  },
};

/** Each line of `source` (comments dropped) that matches `rule`. */
function offending(source: string, rule: RegExp): string[] {
  return source
    .split('\n')
    .filter((line) => !/^\s*(?:\/\/|\*|\/\*)/.test(line))
    .filter((line) => rule.test(line))
    .map((line) => line.trim());
}

describe('the rules can fail', () => {
  it.each([
    ['element.innerHTML = name;', HTML_SINKS],
    ['node.insertAdjacentHTML("beforeend", x)', HTML_SINKS],
    ['<div dangerouslySetInnerHTML={{ __html: x }} />', HTML_SINKS],
    ['document.write(x)', HTML_SINKS],
    ['frame.srcdoc = page', HTML_SINKS],
    ['eval(text)', CODE_FROM_STRINGS],
    ['new Function("return 1")', CODE_FROM_STRINGS],
    ["setTimeout('run()', 5)", CODE_FROM_STRINGS],
    ['console.log(session)', CONSOLE],
    ['console .error(token)', CONSOLE],
  ])('flags %s', (line, rule) => {
    expect(offending(line, rule)).toEqual([line]);
  });

  it.each([
    ['element.textContent = name;', HTML_SINKS],
    ['// innerHTML is never used', HTML_SINKS],
    ['setTimeout(() => run(), 5)', CODE_FROM_STRINGS],
    ['const evaluation = 1;', CODE_FROM_STRINGS],
  ])('leaves %s alone', (line, rule) => {
    expect(offending(line, rule)).toEqual([]);
  });
});

describe('the extension’s code', () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = await extensionSourceFiles();
  });
  const read = (path: string) => readFile(path, 'utf8');

  it('has source files to check', () => {
    expect(files).toContain('entrypoints/background.ts');
    expect(files).toContain('lib/session.ts');
    expect(files.some((path) => path.startsWith('components/'))).toBe(true);
  });

  it('never writes markup from strings (innerHTML and friends)', async () => {
    for (const path of files)
      expect([path, offending(await read(path), HTML_SINKS)]).toEqual([path, []]);
  });

  it('never runs strings as code', async () => {
    for (const path of files) {
      expect([path, offending(await read(path), CODE_FROM_STRINGS)]).toEqual([path, []]);
    }
  });

  it('has no console calls but the listed, harmless ones', async () => {
    for (const path of files) {
      const calls = offending(await read(path), CONSOLE);
      expect([path, calls.length]).toEqual([path, CONSOLE_ALLOWED[path]?.count ?? 0]);
    }
  });

  it('every listed console call still exists (the list stays honest)', async () => {
    for (const path of Object.keys(CONSOLE_ALLOWED)) {
      expect(offending(await read(path), CONSOLE).length).toBeGreaterThan(0);
    }
  });
});
