import { EligibilityRule } from '../eligibility-input';
import { say } from './rule-support';

/** The licence is in the national register and registered to the applicant's citizen ID. */
export const checkLicenceFound: EligibilityRule = (input) => {
  const { licence, licenceNumber, applicant } = input;
  if (licence === null) {
    return {
      rule: 'LICENCE_FOUND',
      outcome: 'FAIL',
      detail: `Licence ${licenceNumber} is not in the national register.`,
      action:
        'Check the number printed on your card; if it is right (older paper licences may not be registered yet), take the card to the licensing office.',
      text: [say('LICENCE_FOUND.notFound', { licenceNumber })],
      actionText: [say('LICENCE_FOUND.notFound.action')],
      evidence: { licenceNumber, found: false },
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
