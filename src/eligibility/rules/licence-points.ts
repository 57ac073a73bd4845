import { EligibilityRule } from '../eligibility-input';
import { heldLicence, notCheckedWithoutLicence, say } from './rule-support';

/** Since 2025 a licence carries 12 points; at 0 the holder may not drive, but may exchange the card (flagged). */
export const checkLicencePoints: EligibilityRule = (input) => {
  const licence = heldLicence(input);
  if (licence === null) return notCheckedWithoutLicence('LICENCE_POINTS', 'the points on the licence');
  const evidence = { licenceNumber: licence.number, points: licence.points };
  if (licence.points <= 0) {
    return {
      rule: 'LICENCE_POINTS',
      outcome: 'FLAG',
      detail: `Licence ${licence.number} has no points left: the card can be exchanged and the points carry over, but you may not drive until they are restored.`,
      action:
        'Points come back to 12 after 12 months without a deduction, or after at least 6 months at 0 by passing a traffic-law knowledge test.',
      text: [say('LICENCE_POINTS.none', { licenceNumber: licence.number })],
      actionText: [say('LICENCE_POINTS.none.action')],
      evidence,
    };
  }
  return {
    rule: 'LICENCE_POINTS',
    outcome: 'PASS',
    detail: `Licence ${licence.number} has ${licence.points} of 12 points.`,
    text: [say('LICENCE_POINTS.pass', { licenceNumber: licence.number, points: licence.points })],
    evidence,
  };
};
