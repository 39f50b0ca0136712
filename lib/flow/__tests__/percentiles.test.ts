import { describe, expect, it } from 'vitest';
import { nearestRank, percentiles } from '../percentiles';

describe('percentiles (nearest rank)', () => {
  it('picks the value at rank ceil(p/100 × n)', () => {
    // 1 to 20, shuffled: ranks 10, 14, 17 and 19 hold those very numbers.
    const values = [7, 20, 1, 14, 3, 18, 9, 12, 5, 16, 2, 19, 11, 4, 17, 8, 13, 6, 15, 10];
    expect(percentiles(values)).toEqual([
      { p: 50, value: 10 },
      { p: 70, value: 14 },
      { p: 85, value: 17 },
      { p: 95, value: 19 },
    ]);
  });

  it('rounds the rank up with 5 values', () => {
    // Ranks: 50 → ceil(2.5) = 3, 70 → ceil(3.5) = 4, 85 → ceil(4.25) = 5, 95 → 5.
    expect(percentiles([50, 10, 40, 20, 30]).map((percentile) => percentile.value)).toEqual([
      30, 40, 50, 50,
    ]);
  });

  it.each([[[]], [[3]], [[1, 2, 3, 4]]])('gives none for %j (under 5 values)', (values) => {
    expect(percentiles(values)).toEqual([]);
  });

  it('takes the smallest value for a tiny p', () => {
    expect(nearestRank([1, 2, 3], 1)).toBe(1);
    expect(nearestRank([1, 2, 3], 100)).toBe(3);
  });
});
