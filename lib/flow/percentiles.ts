/**
 * Percentiles by the nearest-rank method: the p-th percentile of n values is the value at rank
 * ceil(p / 100 × n) in ascending order (rank 1 is the smallest). It is always one of the values,
 * never interpolated, so "85% of cards finished within 12 days" names a real card's cycle time.
 */

/** The percentiles the charts draw. */
export const CHART_PERCENTILES = [50, 70, 85, 95] as const;

/** Fewer values than this give no percentile lines: a "95th percentile" of 3 cards misleads. */
export const MIN_VALUES_FOR_PERCENTILES = 5;

/** The nearest-rank p-th percentile (0 < p ≤ 100) of values already sorted ascending. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1] as number;
}

/** A percentile and its value. */
export interface Percentile {
  readonly p: number;
  readonly value: number;
}

/**
 * The chart percentiles of `values` (in any order), or none under MIN_VALUES_FOR_PERCENTILES.
 */
export function percentiles(
  values: readonly number[],
  ps: readonly number[] = CHART_PERCENTILES,
): Percentile[] {
  if (values.length < MIN_VALUES_FOR_PERCENTILES) return [];
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => ({ p, value: nearestRank(sorted, p) }));
}
