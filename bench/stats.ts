/** Small statistics for the benchmark: every figure is a median over repeated runs. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile (q in [0, 1]); NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Median and spread of a sample, for the table. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    median: median(values),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
  };
}

/** Rounds to `digits` decimals (keeps the JSON line short and stable). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** ABBA order for interleaved runs: which of two configurations goes first in round `i`. */
export function abba<T>(i: number, a: T, b: T): [T, T] {
  return i % 4 === 0 || i % 4 === 3 ? [a, b] : [b, a];
}

/**
 * 95% bootstrap interval of `statistic` over paired samples (resampling the pairs), so
 * the table can say whether a miss is within the run's noise. Seeded: same data, same interval.
 */
export function bootstrapInterval<T>(pairs: readonly T[], statistic: (sample: readonly T[]) => number, resamples = 2000): [number, number] {
  if (pairs.length === 0) return [Number.NaN, Number.NaN];
  let seed = 0x9e3779b9;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const stats: number[] = [];
  const sample: T[] = new Array(pairs.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < pairs.length; i++) sample[i] = pairs[Math.floor(rand() * pairs.length)]!;
    stats.push(statistic(sample));
  }
  return [quantile(stats, 0.025), quantile(stats, 0.975)];
}
