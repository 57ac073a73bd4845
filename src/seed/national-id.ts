import { nationalIdPrefix } from '../common/citizen-id';
import type { Sex } from './names';
import { AffinePermutation, Random } from './random';

export { nationalIdPrefix, parseNationalId } from '../common/citizen-id';
export type { NationalIdParts } from '../common/citizen-id';

const SERIALS = 1_000_000;

/**
 * Hands out unique citizen IDs: per six-digit prefix a counter, mapped through a random-looking
 * bijection onto the six-digit serial, so IDs never repeat and no set of used IDs is kept.
 */
export class NationalIdAllocator {
  private readonly counters = new Map<string, number>();
  private readonly permutation: AffinePermutation;

  constructor(
    random: Random,
    private readonly reserved: ReadonlySet<string> = new Set(),
  ) {
    this.permutation = new AffinePermutation(SERIALS, random);
  }

  next(legacyProvinceCode: string, sex: Sex, birthYear: number): string {
    const prefix = nationalIdPrefix(legacyProvinceCode, sex, birthYear);
    for (;;) {
      const counter = this.counters.get(prefix) ?? 0;
      if (counter >= SERIALS) throw new Error(`no citizen ID serials left for prefix ${prefix}`);
      this.counters.set(prefix, counter + 1);
      // Rotating by the prefix keeps the bijection but gives each prefix different first serials.
      const index = (counter + ((Number(prefix) * 7919) % SERIALS)) % SERIALS;
      const id = prefix + String(this.permutation.at(index)).padStart(6, '0');
      if (!this.reserved.has(id)) return id;
    }
  }
}
