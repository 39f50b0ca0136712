// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const COLOURS_FILE = 'components/themeColors.css';
// The Flow charts' series colours: only the Flow charts page loads them.
const CHART_COLOURS_FILE = 'components/flow/chartColors.css';
const COLOUR_LITERAL =
  /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix)\(/gi;

/** Every stylesheet of the popup, the options page and the content UI. */
function stylesheets(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.css')) found.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, 'components'));
  walk(join(ROOT, 'entrypoints'));
  return found.sort();
}

/** The custom properties declared in a block of CSS, in order (a name twice if declared twice). */
function declarations(css: string): [string, string][] {
  return [...css.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((match) => [
    match[1] ?? '',
    (match[2] ?? '').trim(),
  ]);
}

/** A colours file's light and dark parts. */
function schemes(file: string): [light: string, dark: string] {
  const [light = '', dark = ''] = readFileSync(join(ROOT, file), 'utf8').split(
    '@media (prefers-color-scheme: dark)',
  );
  return [light, dark];
}

const [themeLight, themeDark] = schemes(COLOURS_FILE);
const [chartLight, chartDark] = schemes(CHART_COLOURS_FILE);
const lightCss = themeLight + chartLight;
const darkCss = themeDark + chartDark;
const light = Object.fromEntries(declarations(lightCss));
const dark = { ...light, ...Object.fromEntries(declarations(darkCss)) };

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(first: string, second: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => {
      const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [high, low] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

describe('theme colours', () => {
  it('are defined in the theme file only, and the chart series in a file of their own', () => {
    const sheets = stylesheets();
    expect(sheets).toContain(COLOURS_FILE);
    expect(sheets).toContain(CHART_COLOURS_FILE);
    const elsewhere = sheets
      .filter((sheet) => sheet !== COLOURS_FILE && sheet !== CHART_COLOURS_FILE)
      .flatMap((sheet) =>
        [...readFileSync(join(ROOT, sheet), 'utf8').matchAll(COLOUR_LITERAL)].map(
          (match) => `${sheet}: ${match[0]}`,
        ),
      );
    expect(elsewhere).toEqual([]);
  });

  it.each([
    ['light', lightCss],
    ['dark', darkCss],
  ])('are each defined once in the %s scheme', (_scheme, css) => {
    const names = declarations(css).map(([name]) => name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('has a dark value only for colours the light scheme defines', () => {
    const darkNames = declarations(darkCss).map(([name]) => name);
    expect(darkNames.filter((name) => !(name in light))).toEqual([]);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('keep text at 4.5:1 and control borders at 3:1 in the %s scheme', (_scheme, palette) => {
    const pairs: [foreground: string, background: string, minimum: number][] = [
      ['--fg', '--bg', 4.5],
      ['--fg', '--field', 4.5],
      ['--muted', '--bg', 4.5],
      ['--muted', '--field', 4.5],
      ['--accent', '--bg', 4.5],
      ['--error', '--bg', 4.5],
      ['--error', '--field', 4.5],
      ['--ok', '--bg', 4.5],
      ['--accent-fg', '--accent', 4.5],
      ['--accent-fg', '--ok', 4.5],
      ['--control-border', '--bg', 3],
      ['--control-border', '--field', 3],
      ...Array.from({ length: 8 }, (_, index): [string, string, number] => [
        `--chart-${index + 1}`,
        '--bg',
        3,
      ]),
    ];
    const tooLow = pairs
      .map(([fg, bg, minimum]) => ({
        pair: `${fg} on ${bg}`,
        ratio: contrast(palette[fg] ?? '', palette[bg] ?? ''),
        minimum,
      }))
      .filter(({ ratio, minimum }) => !(ratio >= minimum));
    expect(tooLow).toEqual([]);
  });
});
