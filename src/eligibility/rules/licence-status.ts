import { addDays } from '../../config/policy/calendar-date';
import { EligibilityRule } from '../eligibility-input';
import { heldLicence, notCheckedWithoutLicence, say } from './rule-support';

/** A suspended (still, on today), revoked or replaced licence cannot be exchanged. */
export const checkLicenceStatus: EligibilityRule = (input) => {
  const licence = heldLicence(input);
  if (licence === null) return notCheckedWithoutLicence('LICENCE_STATUS', 'the status of the licence');
  const { number, status, suspendedUntil, statusReason, statusChangedOn } = licence;
  const evidence = { licenceNumber: number, status, suspendedUntil, statusReason, statusChangedOn };
  const reason = statusReason ? ` (reason: ${statusReason})` : ' (no reason recorded)';
  // The register's reason is its own text, shown as written; "none recorded" has words of its own.
  const why = statusReason ?? { key: 'checkText.noReason' };
  const suspension = [
    statusReason ? `reason: ${statusReason}` : 'no reason recorded',
    ...(statusChangedOn ? [`suspended on ${statusChangedOn}`] : []),
  ].join('; ');

  if (status === 'SUSPENDED') {
    if (suspendedUntil !== null && suspendedUntil < input.today) {
      return {
        rule: 'LICENCE_STATUS',
        outcome: 'PASS',
        detail: `Licence ${number} was suspended until ${suspendedUntil}; the suspension is over.`,
        text: [say('LICENCE_STATUS.suspensionOver', { licenceNumber: number, suspendedUntil })],
        evidence,
      };
    }
    return {
      rule: 'LICENCE_STATUS',
      outcome: 'FAIL',
      detail:
        suspendedUntil === null
          ? `Licence ${number} is suspended with no end date recorded (${suspension}).`
          : `Licence ${number} is suspended until ${suspendedUntil} (${suspension}).`,
      action:
        suspendedUntil === null
          ? 'Ask the licensing office when the suspension ends, and apply again after that.'
          : `Apply again from ${addDays(suspendedUntil, 1)}, when the suspension is over.`,
      text: [
        suspendedUntil === null
          ? say('LICENCE_STATUS.suspendedNoEnd', { licenceNumber: number, reason: why })
          : say('LICENCE_STATUS.suspendedUntil', { licenceNumber: number, suspendedUntil, reason: why }),
      ],
      actionText: [
        suspendedUntil === null
          ? say('LICENCE_STATUS.suspendedNoEnd.action')
          : say('LICENCE_STATUS.suspendedUntil.action', { from: addDays(suspendedUntil, 1) }),
      ],
      evidence,
    };
  }
  if (status === 'REVOKED') {
    return {
      rule: 'LICENCE_STATUS',
      outcome: 'FAIL',
      detail: `Licence ${number} was revoked${statusChangedOn ? ` on ${statusChangedOn}` : ''}${reason}.`,
      action:
        'A revoked licence cannot be renewed; ask the licensing office about taking the driving test again.',
      text: [
        statusChangedOn
          ? say('LICENCE_STATUS.revokedOn', { licenceNumber: number, on: statusChangedOn, reason: why })
          : say('LICENCE_STATUS.revoked', { licenceNumber: number, reason: why }),
      ],
      actionText: [say('LICENCE_STATUS.revoked.action')],
      evidence,
    };
  }
  if (status === 'REPLACED') {
    return {
      rule: 'LICENCE_STATUS',
      outcome: 'FAIL',
      detail: `Licence card ${number} was replaced by a newer card${statusChangedOn ? ` on ${statusChangedOn}` : ''}.`,
      action: 'Apply with the number printed on your current card.',
      text: [
        statusChangedOn
          ? say('LICENCE_STATUS.replacedOn', { licenceNumber: number, on: statusChangedOn })
          : say('LICENCE_STATUS.replaced', { licenceNumber: number }),
      ],
      actionText: [say('LICENCE_STATUS.replaced.action')],
      evidence,
    };
  }
  return {
    rule: 'LICENCE_STATUS',
    outcome: 'PASS',
    detail: `Licence ${number} is valid: neither suspended nor revoked.`,
    text: [say('LICENCE_STATUS.pass', { licenceNumber: number })],
    evidence,
  };
};
