/**
 * The citizen ID (CCCD) rules, in one place for registration, import, eligibility, the seed and the
 * test factories: 12 digits; digits 1–3 the legacy code of the birth-registration province, digit 4
 * century and sex, digits 5–6 the last two digits of the birth year, digits 7–12 a serial.
 */

export type Sex = 'M' | 'F';

export const CITIZEN_ID_PATTERN = /^[0-9]{12}$/;

export function isCitizenIdFormat(value: string): boolean {
  return CITIZEN_ID_PATTERN.test(value);
}

export type CitizenIdCheck = 'FORMAT' | 'CENTURY_SEX_DIGIT' | 'BIRTH_YEAR';

export interface CitizenIdDisagreement {
  check: CitizenIdCheck;
  message: string;
}

/**
 * Digit 4 of a citizen ID encodes century and sex: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099,
 * and so on by century up to 8/9 for 2300–2399 (Circular 07/2016/TT-BCA).
 */
export function centurySexDigit(birthYear: number, sex: Sex): number | null {
  const century = Math.floor(birthYear / 100) - 19;
  if (century < 0 || century > 4) return null;
  return century * 2 + (sex === 'F' ? 1 : 0);
}

/**
 * Where a 12-digit citizen ID disagrees with the birth date and sex on record; empty when it agrees.
 * Checked: the format, digit 4 (century and sex) and digits 5–6 (last two digits of the birth year).
 */
export function citizenIdConsistency(
  nationalId: string,
  dateOfBirth: string,
  sex: 'M' | 'F',
): CitizenIdDisagreement[] {
  if (!isCitizenIdFormat(nationalId)) {
    return [{ check: 'FORMAT', message: 'A citizen ID number is 12 digits.' }];
  }
  const birthYear = Number(dateOfBirth.slice(0, 4));
  const disagreements: CitizenIdDisagreement[] = [];
  const expected = centurySexDigit(birthYear, sex);
  const actual = Number(nationalId[3]);
  if (expected !== actual) {
    const said = describeCenturySexDigit(actual);
    disagreements.push({
      check: 'CENTURY_SEX_DIGIT',
      message: `Digit 4 is ${actual} (${said}), but the record says ${sex === 'F' ? 'female' : 'male'}, born ${birthYear}.`,
    });
  }
  const yearDigits = String(birthYear % 100).padStart(2, '0');
  if (nationalId.slice(4, 6) !== yearDigits) {
    disagreements.push({
      check: 'BIRTH_YEAR',
      message: `Digits 5–6 are ${nationalId.slice(4, 6)}, but the record says born ${birthYear}.`,
    });
  }
  return disagreements;
}

function describeCenturySexDigit(digit: number): string {
  const from = 1900 + Math.floor(digit / 2) * 100;
  return `${digit % 2 === 0 ? 'male' : 'female'} born ${from}–${from + 99}`;
}

/** The first six digits: legacy birth-province code, century/sex digit, last two digits of the year. */
export function nationalIdPrefix(legacyProvinceCode: string, sex: Sex, birthYear: number): string {
  if (!/^\d{3}$/.test(legacyProvinceCode))
    throw new Error(`legacy province code must be 3 digits: ${legacyProvinceCode}`);
  const digit = centurySexDigit(birthYear, sex);
  if (digit === null) throw new Error(`birth year ${birthYear} is outside 1900–2399`);
  return `${legacyProvinceCode}${digit}${String(birthYear % 100).padStart(2, '0')}`;
}

export interface NationalIdParts {
  legacyProvinceCode: string;
  sex: Sex;
  birthYear: number;
  serial: string;
}

/** Reads back what a citizen ID says about its holder (null if it is not 12 digits). */
export function parseNationalId(id: string): NationalIdParts | null {
  if (!isCitizenIdFormat(id)) return null;
  const digit = Number(id[3]);
  return {
    legacyProvinceCode: id.slice(0, 3),
    sex: digit % 2 === 0 ? 'M' : 'F',
    birthYear: 1900 + Math.floor(digit / 2) * 100 + Number(id.slice(4, 6)),
    serial: id.slice(6),
  };
}
