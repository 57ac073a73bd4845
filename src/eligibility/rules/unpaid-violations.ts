import { EligibilityRule } from '../eligibility-input';
import { formatVnd, say } from './rule-support';

/** Unpaid traffic fines of the holder, or on vehicles the holder owns, block the application. */
export const checkUnpaidViolations: EligibilityRule = (input) => {
  const { unpaidViolations, ownedPlates, applicant } = input;
  if (unpaidViolations.length === 0) {
    return {
      rule: 'UNPAID_VIOLATIONS',
      outcome: 'PASS',
      detail: 'There are no unpaid traffic fines on you or on the vehicles you own.',
      text: [say('UNPAID_VIOLATIONS.pass')],
      evidence: { violations: [], ownedPlates },
    };
  }
  // The id of whoever committed a violation on the holder's vehicle stays out: it may be someone else.
  const violations = unpaidViolations.map((v) => ({
    id: v.id,
    plate: v.plate,
    amount: v.amount,
    occurredOn: v.occurredOn,
    onHolder: v.nationalId === applicant.nationalId,
    onOwnedVehicle: v.plate !== null && ownedPlates.includes(v.plate),
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
