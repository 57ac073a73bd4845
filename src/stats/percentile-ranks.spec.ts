import { interpolate, locateRank, planPercentile } from './percentile-ranks';

/** percentile_cont as Postgres defines it, over a plain sorted list: the reference to agree with. */
function percentileCont(sorted: number[], p: number): number {
  const r = p * (sorted.length - 1);
  const lo = Math.floor(r);
  const hi = Math.ceil(r);
  return sorted[lo] + (r - lo) * (sorted[hi] - sorted[lo]);
}

/** The histogram route: bucket the values, locate the ranks, read only those values back. */
function percentileByBuckets(values: number[], p: number, bucketOf: (v: number) => number): number | null {
  const byBucket = new Map<number, number[]>();
  for (const v of values) byBucket.set(bucketOf(v), [...(byBucket.get(bucketOf(v)) ?? []), v]);
  const cells = [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, vs]) => ({ bucket, n: vs.length }));
  const plan = planPercentile(values.length, p);
  if (!plan) return null;
  const read = (rank: number) => {
    const { bucket, offset } = locateRank(cells, rank);
    return [...byBucket.get(bucket)!].sort((a, b) => a - b)[offset];
  };
  return interpolate(plan, read(plan.lo), read(plan.hi));
}

const logBucket = (seconds: number) => (seconds < 1 ? 0 : 1 + Math.floor(Math.log(seconds) * 20));

describe('percentiles from a histogram', () => {
  it('matches percentile_cont on small known lists', () => {
    expect(percentileByBuckets([10, 24, 36, 48, 60], 0.5, logBucket)).toBe(36);
    expect(percentileByBuckets([10, 24, 36, 48, 60], 0.9, logBucket)).toBeCloseTo(55.2, 10);
    expect(percentileByBuckets([72, 96], 0.5, logBucket)).toBe(84);
    expect(percentileByBuckets([5], 0.9, logBucket)).toBe(5);
    expect(percentileByBuckets([], 0.5, logBucket)).toBeNull();
  });

  it('matches percentile_cont on random lists with ties, across and within buckets', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 300);
      const values = Array.from({ length: n }, () => Math.round(random() * random() * 800_000) / 4);
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [0, 0.1, 0.5, 0.9, 1]) {
        expect(percentileByBuckets(values, p, logBucket)).toBeCloseTo(percentileCont(sorted, p), 6);
      }
    }
  });

  it('refuses a rank beyond the histogram', () => {
    expect(() => locateRank([{ bucket: 3, n: 2 }], 2)).toThrow(RangeError);
  });
});
