/**
 * A small, fast, seeded pseudo-random generator (sfc32, seeded through cyrb128), so the same seed
 * always yields byte-identical data. Not for anything secret: it is only here to make test data.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    [this.a, this.b, this.c, this.d] = cyrb128(String(seed));
    // sfc32 mixes poorly in its first few outputs: discard them.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `length` random decimal digits (leading zeros kept). */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return out;
  }
}

/** cyrb128: a quick 128-bit string hash, used only to turn a seed string into generator state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Picks among values by relative weight (weights need not sum to 1), by binary search. */
export class WeightedPicker<T> {
  readonly values: readonly T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('WeightedPicker needs at least one entry');
    this.values = entries.map(([value]) => value);
    let sum = 0;
    this.cumulative = entries.map(([, weight]) => {
      if (!(weight >= 0)) throw new Error(`weight must be a non-negative number (got ${weight})`);
      return (sum += weight);
    });
    this.total = sum;
    if (sum <= 0) throw new Error('WeightedPicker needs a positive total weight');
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }

  /** The share of one value, for tests and documentation. */
  share(value: T): number {
    const i = this.values.indexOf(value);
    if (i < 0) return 0;
    return (this.cumulative[i] - (i > 0 ? this.cumulative[i - 1] : 0)) / this.total;
  }
}

const MAX_SAFE_MULTIPLIER = 2 ** 26;
const MAX_SAFE_INDEX = 2 ** 27;

/**
 * A bijection of [0, size) that looks random: i ↦ (a·i + b) mod size with gcd(a, size) = 1.
 * Serial numbers taken as permutation(counter) are unique by construction, so no set of used
 * numbers has to be kept in memory. a < 2^26 and i < 2^27 keep a·i exact in a double.
 */
export class AffinePermutation {
  private readonly a: number;
  private readonly b: number;

  constructor(
    readonly size: number,
    random: Random,
  ) {
    if (!Number.isSafeInteger(size) || size < 2)
      throw new Error(`permutation size must be ≥ 2 (got ${size})`);
    const upper = Math.min(size, MAX_SAFE_MULTIPLIER);
    let a = Math.floor(upper / 3) + random.int(0, Math.floor(upper / 2));
    while (gcd(a, size) !== 1) a++;
    this.a = a;
    this.b = random.int(0, size - 1);
  }

  at(index: number): number {
    if (index < 0 || index >= this.size || index >= MAX_SAFE_INDEX) {
      throw new Error(`permutation index ${index} is out of range (size ${this.size})`);
    }
    return (((this.a * index) % this.size) + this.b) % this.size;
  }
}

function gcd(x: number, y: number): number {
  while (y) [x, y] = [y, x % y];
  return x;
}
