import { describe, expect, it } from 'vitest';
import { forecastHowMany, forecastWhen, MAX_FORECAST_DAYS, mulberry32 } from '../monteCarlo';

describe('mulberry32', () => {
  it('gives the same floats in [0, 1) for the same seed, others for another', () => {
    const first = mulberry32(42);
    const again = mulberry32(42);
    const other = mulberry32(43);
    const draws = Array.from({ length: 10_000 }, () => first());
    expect(Array.from({ length: 10_000 }, () => again())).toEqual(draws);
    expect(Array.from({ length: 10 }, () => other())).not.toEqual(draws.slice(0, 10));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    // Uniform: the mean of 10,000 draws is 0.5 give or take 3 standard errors (0.0029 each).
    const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.009);
  });
});

describe('forecasts', () => {
  it('are exact when every day finishes the same number of cards', () => {
    // 2 a day: 10 cards take 5 days; 7 days finish 14 cards, at every level.
    expect(forecastWhen([2, 2, 2], 10, { seed: 1 })).toEqual([
      { level: 50, value: 5 },
      { level: 85, value: 5 },
      { level: 95, value: 5 },
    ]);
    expect(forecastHowMany([2, 2, 2], 7, { seed: 1 })?.map((f) => f.value)).toEqual([14, 14, 14]);
  });

  it('read "85% likely" as the 85th percentile of days and the 15th of cards', () => {
    // Days finish 0 or 1 card, half and half. In 1 day about half the trials finish 0 cards, so
    // the 15th percentile of the counts ("85% likely to finish at least") is 0, not 1.
    const howMany = forecastHowMany([0, 1], 1, { seed: 7 });
    expect(howMany?.find((f) => f.level === 85)?.value).toBe(0);
    // 1 card needs a geometric number of days: P(> k days) = 2^−k, so the 85th percentile is 3
    // days (2^−2 = 25% > 15% still need more after 2, 2^−3 = 12.5% < 15% after 3).
    expect(forecastWhen([0, 1], 1, { seed: 7 })?.find((f) => f.level === 85)?.value).toBe(3);
  });

  it('give no date when history never finished a card, or when it would take too long', () => {
    expect(forecastWhen([0, 0, 0], 1, { seed: 1 })).toBeNull();
    expect(forecastWhen([], 1, { seed: 1 })).toBeNull();
    expect(forecastWhen([1], MAX_FORECAST_DAYS + 1, { seed: 1 })).toBeNull();
    expect(forecastHowMany([], 5, { seed: 1 })).toBeNull();
    expect(forecastHowMany([0, 0], 5, { seed: 1 })?.map((f) => f.value)).toEqual([0, 0, 0]);
  });
});
