import { EligibilityRule } from '../eligibility-input';
import { heldLicence, notCheckedWithoutLicence, say } from './rule-support';

/** Since 2025 a licence carries 12 points; at 0 the holder may not drive. */
export const checkLicencePoints: EligibilityRule = (input) => {
  const licence = heldLicence(input);
  if (licence === null) return notCheckedWithoutLicence('LICENCE_POINTS', 'the points on the licence');
  const evidence = { licenceNumber: licence.number, points: licence.points };
  if (licence.points <= 0) {
    return {
      rule: 'LICENCE_POINTS',
      outcome: 'FAIL',
      detail: `Licence ${licence.number} has no points left, so its holder may not drive.`,
      action:
        'Ask the licensing office how to have the points restored (a traffic-law knowledge test), then apply again.',
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
