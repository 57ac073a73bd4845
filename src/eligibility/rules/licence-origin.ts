import { EligibilityRule } from '../eligibility-input';
import { heldLicence, notCheckedWithoutLicence, say } from './rule-support';

/** Foreign and military licences are exchanged at the licensing office, never online. */
export const checkLicenceOrigin: EligibilityRule = (input) => {
  const licence = heldLicence(input);
  if (licence === null) return notCheckedWithoutLicence('LICENCE_ORIGIN', 'where the licence was issued');
  const evidence = { licenceNumber: licence.number, origin: licence.origin };
  if (licence.origin !== 'DOMESTIC') {
    const kind = licence.origin === 'FOREIGN' ? 'a foreign' : 'a military';
    return {
      rule: 'LICENCE_ORIGIN',
      outcome: 'FAIL',
      detail: `Licence ${licence.number} is ${kind} licence: foreign and military licences are exchanged at the licensing office, not online.`,
      action: 'Bring the licence and your citizen ID to the licensing office to exchange it there.',
      text: [say(`LICENCE_ORIGIN.${licence.origin}`, { licenceNumber: licence.number })],
      actionText: [say('LICENCE_ORIGIN.action')],
      evidence,
    };
  }
  return {
    rule: 'LICENCE_ORIGIN',
    outcome: 'PASS',
    detail: `Licence ${licence.number} was issued in Vietnam by a civil licensing office.`,
    text: [say('LICENCE_ORIGIN.pass', { licenceNumber: licence.number })],
    evidence,
  };
};
