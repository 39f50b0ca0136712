import { nearestRank } from './percentiles';

/**
 * Monte Carlo forecasts from daily throughput: each trial draws, for every future day, the
 * throughput of a random past day (uniformly, with replacement).
 *  - "When will N cards be done": the days a trial needs to reach N; the forecast at 85% is the
 *    85th percentile of those days (85% of trials were done by then).
 *  - "How many by day D": the cards a trial finishes in D days; the forecast at 85% is the 15th
 *    percentile (85% of trials finished at least that many).
 * Percentiles by nearest rank (lib/flow/percentiles.ts). The generator is seeded, so the same
 * history, question and seed always give the same answer.
 */

/** The confidence levels the forecasts are given at. */
export const FORECAST_LEVELS = [50, 85, 95] as const;
export const DEFAULT_TRIALS = 10_000;
/** "When" gives up past this many days (ten years): a history of zeros never finishes. */
export const MAX_FORECAST_DAYS = 3650;

export interface Forecast {
  /** Confidence in percent (50, 85, 95), and the days or cards forecast at it. */
  readonly level: number;
  readonly value: number;
}

export interface MonteCarloOptions {
  readonly seed: number;
  readonly trials?: number;
}

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a few lines, fast, and good
 * enough for sampling; returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Days needed to finish `cards` cards, at each level; null when no history day finished anything
 * or some trial needs more than MAX_FORECAST_DAYS (no honest date can be given).
 */
export function forecastWhen(
  dailyThroughput: readonly number[],
  cards: number,
  options: MonteCarloOptions,
): Forecast[] | null {
  if (!dailyThroughput.some((count) => count > 0)) return null;
  const next = mulberry32(options.seed);
  const samples = dailyThroughput.length;
  const trials = options.trials ?? DEFAULT_TRIALS;
  const days = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let done = 0;
    let day = 0;
    while (done < cards) {
      if (day === MAX_FORECAST_DAYS) return null;
      done += dailyThroughput[Math.floor(next() * samples)] as number;
      day++;
    }
    days[trial] = day;
  }
  days.sort();
  return FORECAST_LEVELS.map((level) => ({ level, value: nearestRank(days, level) }));
}

/** Cards finished in the next `days` days, at each level; null without history. */
export function forecastHowMany(
  dailyThroughput: readonly number[],
  days: number,
  options: MonteCarloOptions,
): Forecast[] | null {
  if (dailyThroughput.length === 0) return null;
  const next = mulberry32(options.seed);
  const samples = dailyThroughput.length;
  const trials = options.trials ?? DEFAULT_TRIALS;
  const totals = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let total = 0;
    for (let day = 0; day < days; day++) {
      total += dailyThroughput[Math.floor(next() * samples)] as number;
    }
    totals[trial] = total;
  }
  totals.sort();
  return FORECAST_LEVELS.map((level) => ({ level, value: nearestRank(totals, 100 - level) }));
}
