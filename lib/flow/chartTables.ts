import { formatDay } from './calendarDays';
import type { FlowCharts } from './flowCharts';
import type { FlowForecasts } from './flowForecasts';
import type { ThroughputPeriod } from './throughput';

/**
 * Each chart's computed series as a table: what the page shows as the chart's accessible data
 * table and saves as its CSV. Days as `YYYY-MM-DD`; numbers as numbers.
 */

export type Cell = string | number;

export interface DataTable {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export function cumulativeFlowTable(charts: FlowCharts): DataTable {
  const { firstDay, bands } = charts.cumulativeFlow;
  const days = bands[0]?.counts.length ?? 0;
  return {
    caption: 'Cumulative flow: cards arrived at or past each lane group by the end of each day',
    headers: ['Day', ...bands.map((band) => band.title)],
    rows: Array.from({ length: days }, (_, index) => [
      formatDay(firstDay + index),
      ...bands.map((band) => band.counts[index] as number),
    ]),
  };
}

export function cycleTimeTable(charts: FlowCharts): DataTable {
  return {
    caption: 'Cycle time of each finished card, in calendar days',
    headers: ['Card', 'Title', 'Type', 'Finished', 'Cycle time (days)'],
    rows: charts.finished.map((card) => [
      card.cardId,
      card.title,
      card.type,
      formatDay(card.finishDay),
      card.cycleTime,
    ]),
  };
}

export function percentileTable(charts: FlowCharts): DataTable {
  return {
    caption: 'Cycle-time percentiles (nearest rank)',
    headers: ['Percentile', 'Cycle time (days)'],
    rows: charts.percentiles.map(({ p, value }) => [`${p}th`, value]),
  };
}

export function throughputTable(charts: FlowCharts, period: ThroughputPeriod): DataTable {
  const points = period === 'week' ? charts.throughputByWeek : charts.throughputByDay;
  return {
    caption: `Throughput: cards finished per ${period}`,
    headers: [period === 'week' ? 'Week of (Monday)' : 'Day', 'Cards finished'],
    rows: points.map((point) => [formatDay(point.start), point.finished]),
  };
}

export function agingTable(charts: FlowCharts): DataTable {
  return {
    caption: 'Age of each card in progress, in calendar days, by lane group',
    headers: ['Card', 'Title', 'Type', 'Lane group', 'Lane', 'Age (days)'],
    rows: charts.aging.map((card) => [
      card.cardId,
      card.title,
      card.type,
      card.groupTitle,
      card.laneTitle,
      card.age,
    ]),
  };
}

export function forecastTable(
  forecasts: FlowForecasts,
  question: { readonly cards: number; readonly byDay: number },
): DataTable {
  const levels = [50, 85, 95];
  const when = new Map(forecasts.when?.map((forecast) => [forecast.level, forecast]));
  const howMany = new Map(forecasts.howMany?.map((forecast) => [forecast.level, forecast.value]));
  return {
    caption: `Monte Carlo forecasts: when ${question.cards} cards will be done, and how many cards by ${formatDay(question.byDay)}`,
    headers: [
      'Confidence',
      `${question.cards} cards done by`,
      `Cards done by ${formatDay(question.byDay)}`,
    ],
    rows: levels.map((level) => {
      const done = when.get(level);
      return [
        `${level}%`,
        done ? formatDay(done.day) : 'No forecast',
        howMany.get(level) ?? 'No forecast',
      ];
    }),
  };
}
