import { normalizeName } from '../common/vietnamese-text';

/** What a staff search (`q`) asks for: a reference, a 12-digit number, or part of a name. */
export type CaseSearch =
  { by: 'reference'; reference: string } | { by: 'number'; digits: string } | { by: 'name'; folded: string };

const REFERENCE = /^\d{2}-\d{4}-\d{1,10}$/;
const TWELVE_DIGITS = /^\d{12}$/;

/**
 * Reads the search box: `01-2026-0000123` is a reference; twelve digits are a citizen ID or a licence
 * number (both are 12 digits, so both are tried); anything else is a name, folded the way the index
 * folds names (case, tones and marks aside), so "nguyen van an" finds "Nguyễn Văn An".
 */
export function parseCaseSearch(raw: string): CaseSearch | null {
  const q = raw.replace(/\s+/g, ' ').trim();
  if (!q) return null;
  if (REFERENCE.test(q)) return { by: 'reference', reference: q };
  const compact = q.replace(/[\s.]/g, '');
  if (TWELVE_DIGITS.test(compact)) return { by: 'number', digits: compact };
  const folded = normalizeName(q);
  return folded ? { by: 'name', folded } : null;
}

/** LIKE pattern for a substring, with the pattern characters in the text taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The SQL condition on alias `a` (applications) for a search, given the placeholder `p` that binds
 * `value`. Names go through fold_vietnamese, whose trigram index on citizens keeps substring search fast.
 */
export function searchCondition(search: CaseSearch): { value: string; sql: (p: string) => string } {
  switch (search.by) {
    case 'reference':
      return { value: search.reference, sql: (p) => `a.reference = ${p}` };
    case 'number':
      return { value: search.digits, sql: (p) => `(a.national_id = ${p} OR a.licence_number = ${p})` };
    case 'name':
      return {
        value: containsPattern(search.folded),
        sql: (p) =>
          `a.citizen_id IN (SELECT c.id FROM citizens c WHERE fold_vietnamese(c.full_name) LIKE ${p})`,
      };
  }
}
