import { EligibilityInput, EligibilityRule, RuleName, RuleResult } from './eligibility-input';
import { checkApplicationTypeFits } from './rules/application-type-fits';
import { checkExpiryWindow } from './rules/expiry-window';
import { checkHealthCertificate } from './rules/health-certificate';
import { checkIdentityMatch } from './rules/identity-match';
import { checkLicenceFound } from './rules/licence-found';
import { checkLicenceOrigin } from './rules/licence-origin';
import { checkLicencePoints } from './rules/licence-points';
import { checkLicenceStatus } from './rules/licence-status';
import { checkNoOtherOpenApplication } from './rules/no-other-open-application';
import { checkUnpaidViolations } from './rules/unpaid-violations';
import { notChecked } from './rules/rule-support';

/** Every rule, in the order results are reported. */
export const ELIGIBILITY_RULES: readonly { name: RuleName; check: EligibilityRule }[] = [
  { name: 'IDENTITY_MATCH', check: checkIdentityMatch },
  { name: 'LICENCE_FOUND', check: checkLicenceFound },
  { name: 'LICENCE_ORIGIN', check: checkLicenceOrigin },
  { name: 'LICENCE_STATUS', check: checkLicenceStatus },
  { name: 'LICENCE_POINTS', check: checkLicencePoints },
  { name: 'EXPIRY_WINDOW', check: checkExpiryWindow },
  { name: 'HEALTH_CERTIFICATE', check: checkHealthCertificate },
  { name: 'UNPAID_VIOLATIONS', check: checkUnpaidViolations },
  { name: 'NO_OTHER_OPEN_APPLICATION', check: checkNoOtherOpenApplication },
  { name: 'APPLICATION_TYPE_FITS', check: checkApplicationTypeFits },
];

/**
 * One result per rule, always, in ELIGIBILITY_RULES order. A rule whose prerequisite did not pass
 * (the licence is someone else's or missing from the register; for a change of details, no driver
 * record) answers NOT_CHECKED with `notCheckedBecause`, never PASS or FAIL. Policies are those in force on
 * `policyDate`, by default the input's `today`.
 */
export function evaluateEligibility(input: EligibilityInput, policyDate: string = input.today): RuleResult[] {
  const found = checkLicenceFound(input, policyDate);
  if (found.outcome === 'FAIL') {
    // Someone else's licence: that is the only finding; nothing about them or their licence is read.
    return ELIGIBILITY_RULES.map(({ name }) =>
      name === 'LICENCE_FOUND' ? found : notChecked(name, 'LICENCE_FOUND', RULE_SUBJECTS[name]),
    );
  }
  return ELIGIBILITY_RULES.map(({ name, check }) =>
    name === 'LICENCE_FOUND' ? found : check(input, policyDate),
  );
}

/** What each rule looks at, in words, for a "not checked" result. */
const RULE_SUBJECTS: Record<RuleName, string> = {
  IDENTITY_MATCH: 'your identity against the driver record',
  LICENCE_FOUND: 'the licence',
  LICENCE_ORIGIN: 'where the licence was issued',
  LICENCE_STATUS: 'the status of the licence',
  LICENCE_POINTS: 'the points on the licence',
  EXPIRY_WINDOW: 'the expiry of the licence',
  HEALTH_CERTIFICATE: 'the health certificate',
  UNPAID_VIOLATIONS: 'unpaid traffic fines',
  NO_OTHER_OPEN_APPLICATION: 'other open applications',
  APPLICATION_TYPE_FITS: 'whether the application type fits the licence',
};

/** The licence is missing from the register: the office verifies it before anyone decides. */
export function needsLicenceVerification(results: readonly RuleResult[]): boolean {
  return results.some((r) => r.rule === 'LICENCE_FOUND' && r.outcome === 'FLAG');
}

export type OverallOutcome = 'ELIGIBLE' | 'FLAGGED' | 'INELIGIBLE';

/** Any FAIL → INELIGIBLE; else any FLAG → FLAGGED; else ELIGIBLE (NOT_CHECKED follows from another result). */
export function overallOutcome(results: readonly RuleResult[]): OverallOutcome {
  if (results.some((r) => r.outcome === 'FAIL')) return 'INELIGIBLE';
  if (results.some((r) => r.outcome === 'FLAG')) return 'FLAGGED';
  return 'ELIGIBLE';
}
