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

const percentileDash = [
  [2, 4],
  [6, 4],
  [10, 4],
  [14, 4],
];

function percentileSeries(charts: FlowCharts, colors: ChartColors): uPlot.Series[] {
  return charts.percentiles.map(({ p, value }, index) => ({
    label: `${p}th percentile: ${value} days`,
    stroke: colors.muted,
    dash: percentileDash[index] ?? [4, 4],
    width: 1,
    points: { show: false },
  }));
}

function dotsOnly(color: string, label: string): uPlot.Series {
  return {
    label,
    stroke: color,
    fill: color,
    paths: () => null,
    points: { show: true, size: 7, stroke: color, fill: color },
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
    series: [
      { label: 'Finished' },
      dotsOnly(seriesColour(colors, 0), 'Finished cards'),
      ...percentileSeries(charts, colors),
    ],
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
    series: [
      { label: 'Lane group' },
      dotsOnly(seriesColour(colors, 1), 'Cards in progress'),
      ...percentileSeries(charts, colors),
    ],
  };
}
