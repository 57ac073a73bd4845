import { AffinePermutation, Random, WeightedPicker } from './random';

describe('Random', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: string) => {
      const random = new Random(seed);
      return Array.from({ length: 50 }, () => random.uint32());
    };
    expect(draw('42')).toEqual(draw('42'));
    expect(draw('42')).not.toEqual(draw('43'));
  });

  it('stays inside the asked ranges and covers them', () => {
    const random = new Random('ranges');
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const f = random.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = random.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(random.digits(12)).toMatch(/^\d{12}$/);
  });
});

describe('WeightedPicker', () => {
  it('draws each value about as often as its weight says', () => {
    const picker = new WeightedPicker([
      ['a', 70],
      ['b', 20],
      ['c', 10],
      ['never', 0],
    ]);
    const random = new Random('weights');
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, never: 0 };
    for (let i = 0; i < 100_000; i++) counts[picker.pick(random)]++;
    expect(counts.a / 100_000).toBeCloseTo(0.7, 1);
    expect(counts.b / 100_000).toBeCloseTo(0.2, 1);
    expect(counts.c / 100_000).toBeCloseTo(0.1, 1);
    expect(counts.never).toBe(0);
    expect(picker.share('b')).toBeCloseTo(0.2, 10);
  });

  it('refuses nonsense weights', () => {
    expect(() => new WeightedPicker([])).toThrow();
    expect(() => new WeightedPicker([['x', -1]])).toThrow(/non-negative/);
    expect(() => new WeightedPicker([['x', 0]])).toThrow(/positive total/);
  });
});

describe('AffinePermutation', () => {
  it.each([2, 10, 997, 1000, 99_999 * 6])('maps [0, %i) onto itself without repeats', (size) => {
    const permutation = new AffinePermutation(size, new Random(`perm-${size}`));
    const seen = new Uint8Array(size);
    let bad = 0;
    for (let i = 0; i < size; i++) {
      const value = permutation.at(i);
      if (!(value >= 0 && value < size) || seen[value]++ > 0) bad++;
    }
    expect(bad).toBe(0);
  });

  it('stays exact for ten-digit spaces and refuses indexes outside the range', () => {
    const permutation = new AffinePermutation(10_000_000_000, new Random('big'));
    const values = new Set(Array.from({ length: 10_000 }, (_, i) => permutation.at(i * 1000)));
    expect(values.size).toBe(10_000);
    for (const v of values) expect(Number.isSafeInteger(v) && v >= 0 && v < 1e10).toBe(true);
    expect(() => permutation.at(-1)).toThrow(/out of range/);
  });
});
