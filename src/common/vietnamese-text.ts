/**
 * Comparing Vietnamese names and checking citizen ID numbers against the person they belong to.
 */

/**
 * A name reduced for matching: case-folded, tones and vowel marks removed (NFD, then combining marks
 * dropped), đ/Đ → d, whitespace collapsed and trimmed. "NGUYỄN  văn   An" → "nguyen van an".
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐðÐ]/g, 'd') // Ð/ð (eth) stand in for Đ/đ in some legacy data
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Same person's name, whatever the case and diacritics: the identity check. */
export function namesMatch(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/**
 * Same name INCLUDING diacritics (case and spacing aside): what a change of details compares, since
 * "Nguyen Van An" printed on an old card and "Nguyễn Văn An" on the citizen ID is a change to make.
 */
export function namesIdentical(a: string, b: string): boolean {
  const tidy = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  return tidy(a) === tidy(b);
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
export function centurySexDigit(birthYear: number, sex: 'M' | 'F'): number | null {
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
  if (!/^\d{12}$/.test(nationalId)) {
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
