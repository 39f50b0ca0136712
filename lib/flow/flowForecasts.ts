import { DEFAULT_TRIALS, type Forecast, forecastHowMany, forecastWhen } from './monteCarlo';
import type { ThroughputPoint } from './throughput';

/**
 * The page's two Monte Carlo questions, asked of the daily throughput the charts show (zero days
 * included): "when will N cards be done" and "how many cards by date D". Day 1 of a forecast is
 * tomorrow: today's work is still under way.
 */

/** The seed every forecast uses, so the same history and question always give the same answer. */
export const FORECAST_SEED = 15;
export const FORECAST_TRIALS = DEFAULT_TRIALS;

export interface FlowForecasts {
  /** Each level's days needed and the day they end; null when no honest date can be given. */
  readonly when: readonly (Forecast & { readonly day: number })[] | null;
  /** Each level's cards finished by the date; null without history. */
  readonly howMany: readonly Forecast[] | null;
  /** Days of history the trials draw from. */
  readonly historyDays: number;
}

export function flowForecasts(
  throughputByDay: readonly ThroughputPoint[],
  question: { readonly cards: number; readonly byDay: number },
  today: number,
): FlowForecasts {
  const daily = throughputByDay.map((point) => point.finished);
  const options = { seed: FORECAST_SEED, trials: FORECAST_TRIALS };
  const when = forecastWhen(daily, question.cards, options);
  return {
    when:
      when === null ? null : when.map((forecast) => ({ ...forecast, day: today + forecast.value })),
    howMany: forecastHowMany(daily, Math.max(0, question.byDay - today), options),
    historyDays: daily.length,
  };
}
