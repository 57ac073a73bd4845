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
 * One result per rule, always, in ELIGIBILITY_RULES order. A rule whose prerequisite failed (no
 * licence in the applicant's name; for a change of details, no driver record) answers FAIL with
 * detail "Not checked: …" and `notCheckedBecause`, never PASS. Policies are those in force on
 * `policyDate`, by default the input's `today`.
 */
export function evaluateEligibility(input: EligibilityInput, policyDate: string = input.today): RuleResult[] {
  return ELIGIBILITY_RULES.map(({ check }) => check(input, policyDate));
}

export type OverallOutcome = 'ELIGIBLE' | 'FLAGGED' | 'INELIGIBLE';

/** Any FAIL → INELIGIBLE; else any FLAG → FLAGGED; else ELIGIBLE. */
export function overallOutcome(results: readonly RuleResult[]): OverallOutcome {
  if (results.some((r) => r.outcome === 'FAIL')) return 'INELIGIBLE';
  if (results.some((r) => r.outcome === 'FLAG')) return 'FLAGGED';
  return 'ELIGIBLE';
}
