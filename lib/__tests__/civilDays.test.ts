import { describe, expect, it } from 'vitest';
import { daysFromCivil, daysInMonth } from '../civilDays';

const DAY_MS = 86_400_000;

describe('civil days', () => {
  it('counts the days since 1970 as Date.UTC does, every day from 1600 to 2400', () => {
    for (let t = Date.UTC(1600, 0, 1); t <= Date.UTC(2400, 11, 31); t += DAY_MS) {
      const date = new Date(t);
      const days = daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
      if (days * DAY_MS !== t) expect(days * DAY_MS).toBe(t);
    }
  });

  it('keeps a year under 100 that year', () => {
    const year50 = new Date(0);
    year50.setUTCFullYear(50, 0, 1);
    expect(daysFromCivil(50, 1, 1) * DAY_MS).toBe(year50.getTime());
  });

  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2025, 4, 30],
    [2025, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});
