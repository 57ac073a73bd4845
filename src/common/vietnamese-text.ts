/**
 * Comparing Vietnamese names (citizen ID numbers: citizen-id.ts).
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
