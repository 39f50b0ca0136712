import { mondayOf } from './calendarDays';
import type { CardFlow } from './cycleTime';

/**
 * Throughput: cards finished per calendar day or per week (Monday to Sunday), every period from
 * the first to the last included, those where nothing finished as 0, so a quiet week shows as one.
 */

export type ThroughputPeriod = 'day' | 'week';

export interface ThroughputPoint {
  /** The period's first day (a Monday for weeks), as a day number. */
  readonly start: number;
  readonly finished: number;
}

export interface ThroughputOptions {
  readonly period?: ThroughputPeriod;
  /** Finish days counted, both included; default the first and last finish day. */
  readonly from?: number;
  readonly to?: number;
}

export function throughput(
  flows: readonly CardFlow[],
  options: ThroughputOptions = {},
): ThroughputPoint[] {
  const days: number[] = [];
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const flow of flows) {
    if (flow.finishDay === null) continue;
    days.push(flow.finishDay);
    earliest = Math.min(earliest, flow.finishDay);
    latest = Math.max(latest, flow.finishDay);
  }
  const from = options.from ?? earliest;
  const to = options.to ?? latest;
  if (!(Number.isFinite(from) && Number.isFinite(to) && to >= from)) return [];
  const week = options.period === 'week';
  const first = week ? mondayOf(from) : from;
  const length = Math.floor(((week ? mondayOf(to) : to) - first) / (week ? 7 : 1)) + 1;
  const counts = new Array<number>(length).fill(0);
  for (const day of days) {
    if (day < from || day > to) continue;
    const index = Math.floor((day - first) / (week ? 7 : 1));
    counts[index] = (counts[index] as number) + 1;
  }
  return counts.map((finished, index) => ({ start: first + index * (week ? 7 : 1), finished }));
}
