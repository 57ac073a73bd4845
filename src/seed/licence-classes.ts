import { addYears, ageOn, Day, dayOf } from './dates';
import type { Sex } from './names';

/**
 * The licence classes the generator writes, with their validity (DOMAIN.md) and health-standard group.
 * A class name alone is ambiguous (A1, B1, C and D exist in both systems), so the era is part of the
 * key: classes issued before 1 January 2025 are of the old system, later ones of the 2024 law.
 */
export type ClassEra = 'OLD' | 'NEW';

export type Validity =
  | { kind: 'LIFETIME' }
  | { kind: 'YEARS'; years: number }
  /**
   * Old B1: until the holder is 55 (women) or 60 (men); a holder already over 45 (women) or 50 (men)
   * at issue gets 10 years instead (as src/config/policy/licence-classes.ts reads the old law).
   */
  | { kind: 'UNTIL_AGE'; women: number; men: number; tenYearsIfOver: { women: number; men: number } };

export interface LicenceClassInfo {
  name: string;
  era: ClassEra;
  validity: Validity;
  /** Health standard group: 1 = A1, B1; 2 = A, B; 3 = C1 and heavier. */
  healthGroup: 1 | 2 | 3;
  /** Every class needs a health certificate except A1, A and B1 and their old equivalents. */
  needsCertificate: boolean;
  /** Youngest age at which the class can be issued. */
  minimumAge: number;
}

export const NEW_CLASSES_FROM: Day = dayOf(2025, 1, 1);

const LIFETIME: Validity = { kind: 'LIFETIME' };
const TEN_YEARS: Validity = { kind: 'YEARS', years: 10 };
const FIVE_YEARS: Validity = { kind: 'YEARS', years: 5 };
const UNTIL_55_60: Validity = {
  kind: 'UNTIL_AGE',
  women: 55,
  men: 60,
  tenYearsIfOver: { women: 45, men: 50 },
};

function cls(
  era: ClassEra,
  name: string,
  validity: Validity,
  healthGroup: 1 | 2 | 3,
  minimumAge: number,
  needsCertificate = true,
): LicenceClassInfo {
  return { name, era, validity, healthGroup, needsCertificate, minimumAge };
}

// prettier-ignore
export const NEW_CLASSES: readonly LicenceClassInfo[] = [
  cls('NEW', 'A1', LIFETIME, 1, 18, false), cls('NEW', 'A', LIFETIME, 2, 18, false),
  cls('NEW', 'B1', LIFETIME, 1, 18, false), cls('NEW', 'B', TEN_YEARS, 2, 18), cls('NEW', 'C1', TEN_YEARS, 3, 18),
  cls('NEW', 'C', FIVE_YEARS, 3, 21), cls('NEW', 'D1', FIVE_YEARS, 3, 24), cls('NEW', 'D2', FIVE_YEARS, 3, 24),
  cls('NEW', 'D', FIVE_YEARS, 3, 27), cls('NEW', 'BE', FIVE_YEARS, 3, 18), cls('NEW', 'C1E', FIVE_YEARS, 3, 21),
  cls('NEW', 'CE', FIVE_YEARS, 3, 24), cls('NEW', 'D1E', FIVE_YEARS, 3, 27), cls('NEW', 'D2E', FIVE_YEARS, 3, 27),
  cls('NEW', 'DE', FIVE_YEARS, 3, 27),
];

// prettier-ignore
export const OLD_CLASSES: readonly LicenceClassInfo[] = [
  cls('OLD', 'A1', LIFETIME, 1, 18, false), cls('OLD', 'A2', LIFETIME, 2, 18, false),
  cls('OLD', 'A3', LIFETIME, 1, 18, false), cls('OLD', 'A4', TEN_YEARS, 2, 18), cls('OLD', 'B1', UNTIL_55_60, 2, 18),
  cls('OLD', 'B2', TEN_YEARS, 2, 18), cls('OLD', 'C', FIVE_YEARS, 3, 21), cls('OLD', 'D', FIVE_YEARS, 3, 24),
  cls('OLD', 'E', FIVE_YEARS, 3, 27), cls('OLD', 'FB2', FIVE_YEARS, 3, 21), cls('OLD', 'FC', FIVE_YEARS, 3, 24),
  cls('OLD', 'FD', FIVE_YEARS, 3, 27), cls('OLD', 'FE', FIVE_YEARS, 3, 27),
];

const byKey = new Map([...NEW_CLASSES, ...OLD_CLASSES].map((c) => [`${c.era}:${c.name}`, c]));

export function eraOf(issuedOn: Day): ClassEra {
  return issuedOn < NEW_CLASSES_FROM ? 'OLD' : 'NEW';
}

export function hasClass(name: string, era: ClassEra): boolean {
  return byKey.has(`${era}:${name}`);
}

export function classInfo(name: string, era: ClassEra): LicenceClassInfo {
  const info = byKey.get(`${era}:${name}`);
  if (!info) throw new Error(`unknown ${era === 'OLD' ? 'pre-2025' : '2025'} licence class ${name}`);
  return info;
}

export interface Holder {
  born: Day;
  sex: Sex;
}

/** The printed expiry of a class issued on `issuedOn` (null: no expiry). */
export function expiryOf(info: LicenceClassInfo, issuedOn: Day, holder: Holder): Day | null {
  switch (info.validity.kind) {
    case 'LIFETIME':
      return null;
    case 'YEARS':
      return addYears(issuedOn, info.validity.years);
    case 'UNTIL_AGE': {
      const { women, men, tenYearsIfOver } = info.validity;
      const over = holder.sex === 'F' ? tenYearsIfOver.women : tenYearsIfOver.men;
      return ageOn(holder.born, issuedOn) > over
        ? addYears(issuedOn, 10)
        : addYears(holder.born, holder.sex === 'F' ? women : men);
    }
  }
}
