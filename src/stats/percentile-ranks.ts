/**
 * percentile_cont from a histogram: which values to read, and how to combine them.
 *
 * Postgres' percentile_cont(p) over n sorted values v[0..n-1] is v[lo] + (r − lo) · (v[hi] − v[lo])
 * with r = p · (n − 1), lo = ⌊r⌋, hi = ⌈r⌉. Buckets hold values in order (bucket b's values are all
 * below bucket b+1's), so the cumulative counts say which bucket holds v[lo] and v[hi], and at which
 * offset: only those buckets' values need reading.
 */
export interface HistogramCell {
  bucket: number;
  n: number;
}

export interface RankLocation {
  bucket: number;
  /** Position within the bucket, 0-based, in ascending order of value. */
  offset: number;
}

export interface PercentilePlan {
  p: number;
  lo: number;
  hi: number;
  weight: number;
}

export function planPercentile(count: number, p: number): PercentilePlan | null {
  if (count === 0) return null;
  const r = p * (count - 1);
  const lo = Math.floor(r);
  return { p, lo, hi: Math.ceil(r), weight: r - lo };
}

/** Where the value of overall rank `rank` (0-based) lies; cells must be in ascending bucket order. */
export function locateRank(cells: readonly HistogramCell[], rank: number): RankLocation {
  let before = 0;
  for (const cell of cells) {
    if (rank < before + cell.n) return { bucket: cell.bucket, offset: rank - before };
    before += cell.n;
  }
  throw new RangeError(`rank ${rank} is beyond the ${before} values of the histogram`);
}

export const interpolate = (plan: PercentilePlan, low: number, high: number): number =>
  low + plan.weight * (high - low);
