import { EligibilityRule } from '../eligibility-input';
import { say } from './rule-support';

/**
 * The licence is in the national register and registered to the applicant's citizen ID. Someone else's
 * licence fails with that alone; one missing from the register is flagged for verification.
 */
export const checkLicenceFound: EligibilityRule = (input) => {
  const { licence, licenceNumber, applicant } = input;
  if (licence === null) {
    // Millions of old paper licences were never digitised: the office verifies them (DOMAIN.md).
    return {
      rule: 'LICENCE_FOUND',
      outcome: 'FLAG',
      detail: `Licence ${licenceNumber} is not in the national register: the licensing office will ask the issuing office to verify it before deciding.`,
      action:
        'Check the number printed on your card. If it is right, nothing else is needed: the office will tell you when the licence is verified.',
      text: [say('LICENCE_FOUND.notFound', { licenceNumber })],
      actionText: [say('LICENCE_FOUND.notFound.action')],
      evidence: { licenceNumber, found: false, verificationNeeded: true },
    };
  }
  if (licence.nationalId !== applicant.nationalId) {
    // Whose licence it is stays out of the evidence: the applicant may not learn it.
    return {
      rule: 'LICENCE_FOUND',
      outcome: 'FAIL',
      detail: `Licence ${licenceNumber} is not registered to citizen ID ${applicant.nationalId}.`,
      action:
        'Apply with a licence registered to you; if this one is yours, ask the licensing office to correct the register.',
      text: [say('LICENCE_FOUND.notYours', { licenceNumber, nationalId: applicant.nationalId })],
      actionText: [say('LICENCE_FOUND.notYours.action')],
      evidence: { licenceNumber, found: true, heldByApplicant: false },
    };
  }
  return {
    rule: 'LICENCE_FOUND',
    outcome: 'PASS',
    detail: `Licence ${licenceNumber} is in the national register in your name.`,
    text: [say('LICENCE_FOUND.pass', { licenceNumber })],
    evidence: {
      licenceNumber,
      found: true,
      heldByApplicant: true,
      cardKind: licence.cardKind,
      issuingProvinceCode: licence.issuingProvinceCode,
    },
  };
};
