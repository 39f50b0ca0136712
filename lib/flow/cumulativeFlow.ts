import type { CardPosition } from './boardHistory';
import { createDayCounter } from './calendarDays';
import { type CardStays, staysIn } from './cardStays';
import type { Workflow } from './workflow';

/**
 * The cumulative flow diagram's series: for each calendar day and lane group, how many cards had
 * arrived, by the end of that day, in that group or any group after it in board order. Arrivals
 * only: a card that moves back still counts where it had arrived, so no band ever goes down; the
 * height between two bands is the work between them, their horizontal distance about the time
 * it takes.
 */

export interface FlowBand {
  /** The lane group's index in the workflow, and its title. */
  readonly group: number;
  readonly title: string;
  /** Cards arrived at or past the group by the end of each day, from `firstDay`. */
  readonly counts: readonly number[];
}

export interface CumulativeFlow {
  /** The first day of the series (a day number); counts[i] is for firstDay + i. */
  readonly firstDay: number;
  readonly bands: readonly FlowBand[];
}

export interface CumulativeFlowOptions {
  /** IANA zone the days are counted in; default UTC. */
  readonly timeZone?: string;
  /** First and last day shown (both included); default the first and last day with an arrival. */
  readonly from?: number;
  readonly to?: number;
}

/** The series of `positions` (or their stays in `workflow`, lib/flow/cardStays.ts). */
export function cumulativeFlow(
  positions: readonly CardPosition[] | CardStays,
  workflow: Workflow,
  options: CumulativeFlowOptions = {},
): CumulativeFlow {
  const dayOf = createDayCounter(options.timeZone);
  const groupCount = workflow.groups.length;
  const stays = staysIn(positions, workflow);
  const { cardIds, first, indices, places } = stays;
  const { groupOfPlace } = workflow;
  const cards = cardIds.length;
  // Each card's first day in each group (Infinity: never there), a row of `groupCount` per card
  // in one array: one typed array per card made 30,000 of them for a big board.
  const firstDays = new Float64Array(cards * groupCount).fill(Number.POSITIVE_INFINITY);
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (let card = 0; card < cards; card++) {
    const row = card * groupCount;
    const to = first[card + 1] as number;
    for (let at = first[card] as number; at < to; at++) {
      const cell = row + (groupOfPlace[places[at] as number] as number);
      const day = dayOf((stays.positions[indices[at] as number] as CardPosition).entered);
      if (day < (firstDays[cell] as number)) firstDays[cell] = day;
      if (day < earliest) earliest = day;
      if (day > latest) latest = day;
    }
  }
  const firstDay = options.from ?? earliest;
  const lastDay = options.to ?? latest;
  const length = Number.isFinite(firstDay) && lastDay >= firstDay ? lastDay - firstDay + 1 : 0;
  const arrivals = Array.from({ length: groupCount }, () => new Float64Array(length));
  if (length > 0) {
    for (let row = 0; row < firstDays.length; row += groupCount) {
      // Arrived at or past a group: the earliest day in it or in any group after it.
      let arrived = Number.POSITIVE_INFINITY;
      for (let group = groupCount - 1; group >= 0; group--) {
        arrived = Math.min(arrived, firstDays[row + group] as number);
        if (arrived > lastDay) continue;
        const series = arrivals[group] as Float64Array;
        const index = Math.max(0, arrived - firstDay);
        series[index] = (series[index] as number) + 1;
      }
    }
  }
  return {
    firstDay: Number.isFinite(firstDay) ? firstDay : 0,
    bands: workflow.groups.map((group, index) => {
      const counts: number[] = new Array(length);
      let total = 0;
      const series = arrivals[index] as Float64Array;
      for (let i = 0; i < length; i++) {
        total += series[i] as number;
        counts[i] = total;
      }
      return { group: index, title: group.title, counts };
    }),
  };
}
