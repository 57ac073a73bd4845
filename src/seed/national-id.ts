import type { Sex } from './names';
import { AffinePermutation, Random } from './random';

/**
 * The digit after the birth-province code: century and sex together.
 * 0/1 = male/female born 1900–1999, 2/3 = male/female born 2000–2099.
 */
export function centurySexDigit(sex: Sex, birthYear: number): number {
  if (birthYear < 1900 || birthYear > 2099) throw new Error(`birth year ${birthYear} is outside 1900–2099`);
  return (birthYear >= 2000 ? 2 : 0) + (sex === 'F' ? 1 : 0);
}

/** The first six digits: legacy birth-province code, century/sex digit, last two digits of the year. */
export function nationalIdPrefix(legacyProvinceCode: string, sex: Sex, birthYear: number): string {
  if (!/^\d{3}$/.test(legacyProvinceCode))
    throw new Error(`legacy province code must be 3 digits: ${legacyProvinceCode}`);
  return `${legacyProvinceCode}${centurySexDigit(sex, birthYear)}${String(birthYear % 100).padStart(2, '0')}`;
}

export interface NationalIdParts {
  legacyProvinceCode: string;
  sex: Sex;
  birthYear: number;
  serial: string;
}

/** Reads back what a citizen ID says about its holder (null if it is not 12 digits or digit 4 > 3). */
export function parseNationalId(id: string): NationalIdParts | null {
  if (!/^\d{12}$/.test(id)) return null;
  const centurySex = Number(id[3]);
  if (centurySex > 3) return null;
  return {
    legacyProvinceCode: id.slice(0, 3),
    sex: centurySex % 2 === 0 ? 'M' : 'F',
    birthYear: (centurySex < 2 ? 1900 : 2000) + Number(id.slice(4, 6)),
    serial: id.slice(6),
  };
}

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
