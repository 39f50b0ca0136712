/**
 * The chart colours, read from the page's theme (components/themeColors.css, the series from
 * components/flow/chartColors.css) when a chart is made, so a chart drawn in dark mode is readable
 * there; the page remakes its charts when the scheme changes.
 */
export interface ChartColors {
  readonly fg: string;
  readonly muted: string;
  readonly grid: string;
  readonly bg: string;
  /** Series colours, in order. */
  readonly series: readonly string[];
}

export const SERIES_COLOURS = 8;

export function chartColors(element: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    fg: read('--fg'),
    muted: read('--muted'),
    grid: read('--line'),
    bg: read('--bg'),
    series: Array.from({ length: SERIES_COLOURS }, (_, index) => read(`--chart-${index + 1}`)),
  };
}

/** The colour of series `index`, cycling through the palette. */
export function seriesColour(colors: ChartColors, index: number): string {
  return colors.series[index % colors.series.length] ?? colors.fg;
}
