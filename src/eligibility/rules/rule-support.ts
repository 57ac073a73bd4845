import { monthsAndDaysBetween } from '../../config/policy/calendar-date';
import {
  EligibilityInput,
  LicenceRecord,
  RuleName,
  RuleResult,
  RuleSentence,
  RuleTextParam,
} from '../eligibility-input';

/** A sentence of a result, by its key under `checkText.` in the translation files. */
export const say = (key: string, params?: Record<string, RuleTextParam>): RuleSentence => ({
  key: `checkText.${key}`,
  ...(params ? { params } : {}),
});

/**
 * The licence, if it was found AND is registered to the applicant. The licence-dependent rules look at
 * nothing else: someone else's licence (its status, classes) is not the applicant's business.
 */
export function heldLicence(input: EligibilityInput): LicenceRecord | null {
  const { licence } = input;
  return licence !== null && licence.nationalId === input.applicant.nationalId ? licence : null;
}

const WHY_NOT_CHECKED: Partial<Record<RuleName, string>> = {
  LICENCE_FOUND: 'the licence was not found in your name',
  IDENTITY_MATCH: 'there is no driver record for your citizen ID',
};

/**
 * The result of a rule that could not run because a rule it depends on did not pass: NOT_CHECKED,
 * never PASS (nothing unchecked counts as passed) and never FAIL (it is not a second problem).
 */
export function notChecked(rule: RuleName, because: RuleName, what: string): RuleResult {
  return {
    rule,
    outcome: 'NOT_CHECKED',
    detail: `Not checked: ${what} cannot be checked because ${WHY_NOT_CHECKED[because] ?? 'an earlier check did not pass'}.`,
    text: [say(`notChecked.${because}`, { check: { key: `checks.${rule}` } })],
    evidence: { notCheckedBecause: because },
    notCheckedBecause: because,
  };
}

export function notCheckedWithoutLicence(rule: RuleName, what: string): RuleResult {
  return notChecked(rule, 'LICENCE_FOUND', what);
}

/** 1234567 → "1,234,567 VND". */
export function formatVnd(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} VND`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The time from one date to a later one in words: "12 days", "7 months", "1 year and 2 months". */
export function describeElapsed(from: string, to: string): string {
  const { months, days } = monthsAndDaysBetween(from, to);
  if (months === 0) return plural(days, 'day');
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return plural(rest, 'month');
  return rest === 0 ? plural(years, 'year') : `${plural(years, 'year')} and ${plural(rest, 'month')}`;
}

/** "B", "B and C", "A1, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
