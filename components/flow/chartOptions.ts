import uPlot from 'uplot';
import { formatDay } from '@/lib/flow/calendarDays';
import type { FlowCharts } from '@/lib/flow/flowCharts';
import type { ThroughputPeriod } from '@/lib/flow/throughput';
import { type ChartColors, seriesColour } from './chartColors';

/** uPlot options of each chart: axes labelled, days as dates, colours from the theme. */

const WIDTH = 860;
const HEIGHT = 320;

function dayAxis(colors: ChartColors): uPlot.Axis {
  return {
    stroke: colors.fg,
    grid: { stroke: colors.grid },
    ticks: { stroke: colors.grid },
    values: (_plot, days) => days.map((day) => (Number.isInteger(day) ? formatDay(day) : '')),
    space: 90,
  };
}

function countAxis(colors: ChartColors, label: string): uPlot.Axis {
  return {
    stroke: colors.fg,
    grid: { stroke: colors.grid },
    ticks: { stroke: colors.grid },
    label,
    values: (_plot, values) =>
      values.map((value) => (Number.isInteger(value) ? String(value) : '')),
  };
}

function base(): Pick<uPlot.Options, 'width' | 'height' | 'legend'> {
  return { width: WIDTH, height: HEIGHT, legend: { show: true, live: false } };
}

export function cumulativeFlowOptions(charts: FlowCharts, colors: ChartColors): uPlot.Options {
  return {
    ...base(),
    scales: { x: { time: false } },
    axes: [dayAxis(colors), countAxis(colors, 'Cards')],
    series: [
      { label: 'Day', value: (_plot, day) => (day === null ? '' : formatDay(day)) },
      ...charts.cumulativeFlow.bands.map((band, index) => ({
        label: band.title,
        stroke: seriesColour(colors, index),
        fill: seriesColour(colors, index),
        width: 1,
        points: { show: false },
      })),
    ],
  };
}

/**
 * The cycle-time percentiles as dashed lines across the whole plot, each labelled at its right
 * end: drawn after the series, so they span the chart however few points there are.
 */
function percentileLines(charts: FlowCharts, colors: ChartColors): uPlot.Hooks.Arrays['draw'] {
  return [
    (plot) => {
      const { ctx, bbox } = plot;
      ctx.save();
      ctx.strokeStyle = colors.muted;
      ctx.fillStyle = colors.fg;
      ctx.lineWidth = devicePixelRatio;
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      // Labels of lines too close together join into one ("50%, 70%: 16–17 d" reads as two).
      const labels: { y: number; ps: number[]; values: number[] }[] = [];
      for (const { p, value } of charts.percentiles) {
        const y = Math.round(plot.valToPos(value, 'y', true));
        ctx.beginPath();
        ctx.moveTo(bbox.left, y);
        ctx.lineTo(bbox.left + bbox.width, y);
        ctx.stroke();
        const last = labels.at(-1);
        if (last && Math.abs(last.y - y) < 12 * devicePixelRatio) {
          last.ps.push(p);
          last.values.push(value);
        } else labels.push({ y, ps: [p], values: [value] });
      }
      for (const { y, ps, values } of labels) {
        const low = Math.min(...values);
        const high = Math.max(...values);
        const days = low === high ? `${low}` : `${low}–${high}`;
        ctx.fillText(`${ps.join(', ')}%: ${days} d`, bbox.left + bbox.width - 2, y - 2);
      }
      ctx.restore();
    },
  ];
}

/**
 * The points of a series that fall on distinct canvas pixels: cards finished the same day with the
 * same cycle time (or of the same age in the same lane group) are one dot, drawn once. A big
 * board's 20,000 overlapping dots took the browser longer to paint than everything else on the
 * page; the picture is the same, and the cursor still finds every card.
 */
const distinctPixels: uPlot.Series.Points.Filter = (plot, seriesIndex) => {
  const xs = plot.data[0];
  const ys = plot.data[seriesIndex] ?? [];
  const seen = new Set<number>();
  const shown: number[] = [];
  for (let index = 0; index < ys.length; index++) {
    const y = ys[index];
    const x = xs[index];
    if (y === null || y === undefined || x === undefined) continue;
    const left = Math.round(plot.valToPos(x, 'x', true));
    const top = Math.round(plot.valToPos(y, 'y', true));
    const pixel = left * 65_536 + top;
    if (seen.has(pixel)) continue;
    seen.add(pixel);
    shown.push(index);
  }
  return shown;
};

function dotsOnly(color: string, label: string): uPlot.Series {
  return {
    label,
    stroke: color,
    fill: color,
    paths: () => null,
    // Filled, not outlined: the outline, in the same colour, only made each dot cost twice.
    points: { show: true, size: 7, width: 0, fill: color, filter: distinctPixels },
  };
}

export function cycleTimeOptions(charts: FlowCharts, colors: ChartColors): uPlot.Options {
  return {
    ...base(),
    scales: {
      x: { time: false, range: [charts.from - 0.5, charts.to + 0.5] },
      y: { range: (_plot, _min, max) => [0, Math.max(1, max) + 1] },
    },
    axes: [dayAxis(colors), countAxis(colors, 'Cycle time (days)')],
    cursor: { points: { size: 11 } },
    series: [{ label: 'Finished' }, dotsOnly(seriesColour(colors, 0), 'Finished cards')],
    hooks: { draw: percentileLines(charts, colors) },
  };
}

export function throughputOptions(period: ThroughputPeriod, colors: ChartColors): uPlot.Options {
  const step = period === 'week' ? 7 : 1;
  const bars = uPlot.paths.bars?.({ size: [0.8, 40] });
  return {
    ...base(),
    scales: {
      x: { time: false, range: (_plot, min, max) => [min - step / 2, max + step / 2] },
      y: { range: (_plot, _min, max) => [0, Math.max(1, max) + 1] },
    },
    axes: [dayAxis(colors), countAxis(colors, 'Cards finished')],
    series: [
      { label: period === 'week' ? 'Week of' : 'Day' },
      {
        label: `Cards finished per ${period}`,
        stroke: seriesColour(colors, 0),
        fill: seriesColour(colors, 0),
        ...(bars ? { paths: bars } : {}),
        points: { show: false },
      },
    ],
  };
}

export function agingOptions(charts: FlowCharts, colors: ChartColors): uPlot.Options {
  const groups = charts.workflow.groups;
  return {
    ...base(),
    scales: {
      x: { time: false, range: [-0.5, groups.length - 0.5] },
      y: { range: (_plot, _min, max) => [0, Math.max(1, max) + 1] },
    },
    axes: [
      {
        stroke: colors.fg,
        grid: { show: false },
        ticks: { stroke: colors.grid },
        splits: () => groups.map((_group, index) => index),
        values: () => groups.map((group) => group.title),
      },
      countAxis(colors, 'Age (days)'),
    ],
    cursor: { points: { size: 11 } },
    series: [{ label: 'Lane group' }, dotsOnly(seriesColour(colors, 1), 'Cards in progress')],
    hooks: { draw: percentileLines(charts, colors) },
  };
}
