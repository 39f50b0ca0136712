import type { FlowCharts } from './flowCharts';
import type { ThroughputPeriod } from './throughput';

/**
 * Each chart's series as columns of numbers, x first (what uPlot draws: `AlignedData`). Days are
 * day numbers; the page labels them as dates.
 */

export type Columns = [x: number[], ...series: number[][]];

/** Day, then each lane group's cumulative arrivals, in board order (each band at or below the last). */
export function cumulativeFlowColumns(charts: FlowCharts): Columns {
  const { firstDay, bands } = charts.cumulativeFlow;
  const days = bands[0]?.counts.length ?? 0;
  return [
    Array.from({ length: days }, (_, index) => firstDay + index),
    ...bands.map((band) => [...band.counts]),
  ];
}

/** Finish day, then cycle time (the page draws the percentiles as lines across the plot). */
export function cycleTimeColumns(charts: FlowCharts): Columns {
  return [
    charts.finished.map((card) => card.finishDay),
    charts.finished.map((card) => card.cycleTime),
  ];
}

export function throughputColumns(charts: FlowCharts, period: ThroughputPeriod): Columns {
  const points = period === 'week' ? charts.throughputByWeek : charts.throughputByDay;
  return [points.map((point) => point.start), points.map((point) => point.finished)];
}

/** Lane group (its index in board order), then age. */
export function agingColumns(charts: FlowCharts): Columns {
  return [charts.aging.map((card) => card.group), charts.aging.map((card) => card.age)];
}
