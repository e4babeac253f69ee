/** Summary statistics for the benchmark. Every function here is pure. */

export type Spread = Readonly<{ median: number; min: number; max: number }>;

/** Returns the median, min and max of the values; throws on an empty list. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('Cannot summarise an empty list of values.');

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * Returns the nearest-rank percentile (0 < p ≤ 100) of values sorted ascending,
 * or NaN for an empty list.
 */
export function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) return Number.NaN;

  const rank = Math.ceil((p / 100) * sortedValues.length);
  return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1]!;
}
