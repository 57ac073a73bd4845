import { EligibilityRule } from '../eligibility-input';
import { formatVnd, say } from './rule-support';

/**
 * Unpaid traffic fines block the application where the applicant is the violator, or where the fine is
 * on a vehicle the applicant owns and no driver was identified (camera fines go to the owner). A fine
 * of another, identified driver on the applicant's vehicle is that driver's, not the applicant's.
 */
export const checkUnpaidViolations: EligibilityRule = (input) => {
  const { ownedPlates, applicant } = input;
  const owned = new Set(ownedPlates);
  const unpaidViolations = input.unpaidViolations.filter(
    (v) =>
      v.nationalId === applicant.nationalId ||
      (v.nationalId === null && v.plate !== null && owned.has(v.plate)),
  );
  if (unpaidViolations.length === 0) {
    return {
      rule: 'UNPAID_VIOLATIONS',
      outcome: 'PASS',
      detail: 'There are no unpaid traffic fines on you or on the vehicles you own.',
      text: [say('UNPAID_VIOLATIONS.pass')],
      evidence: { violations: [], ownedPlates },
    };
  }
  const violations = unpaidViolations.map((v) => ({
    id: v.id,
    plate: v.plate,
    amount: v.amount,
    occurredOn: v.occurredOn,
    asDriver: v.nationalId === applicant.nationalId,
    asOwner: v.nationalId === null,
  }));
  const total = violations.reduce((sum, v) => sum + v.amount, 0);
  const listed = violations
    .map((v) => `${v.id} (${[v.plate, formatVnd(v.amount), v.occurredOn].filter(Boolean).join(', ')})`)
    .join('; ');
  const count =
    violations.length === 1 ? '1 unpaid traffic fine' : `${violations.length} unpaid traffic fines`;
  return {
    rule: 'UNPAID_VIOLATIONS',
    outcome: 'FAIL',
    detail: `There ${violations.length === 1 ? 'is' : 'are'} ${count} totalling ${formatVnd(total)}: ${listed}.`,
    action: 'Pay the fines listed, then apply again once they show as paid.',
    text: [
      say(violations.length === 1 ? 'UNPAID_VIOLATIONS.one' : 'UNPAID_VIOLATIONS.many', {
        count: violations.length,
        total,
        ids: violations.map((v) => v.id),
      }),
    ],
    actionText: [say('UNPAID_VIOLATIONS.action')],
    evidence: { violations, total, ownedPlates },
  };
};
