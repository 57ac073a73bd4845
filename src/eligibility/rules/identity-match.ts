import { citizenIdConsistency } from '../../common/citizen-id';
import { namesMatch } from '../../common/vietnamese-text';
import { EligibilityRule } from '../eligibility-input';
import { listInWords, say } from './rule-support';

const FIELD_WORDS = { nationalId: 'citizen ID', fullName: 'name', dateOfBirth: 'date of birth' } as const;

/**
 * The applicant is the person in the driver record: citizen ID, name (case and diacritics aside) and
 * date of birth agree. An ID whose digits disagree with the recorded birth year or sex is flagged.
 */
export const checkIdentityMatch: EligibilityRule = (input) => {
  const { applicant, driver } = input;
  if (driver === null) {
    return {
      rule: 'IDENTITY_MATCH',
      outcome: 'FAIL',
      detail: `There is no driver record for citizen ID ${applicant.nationalId}.`,
      action:
        'Check the citizen ID on your account; if it is right, ask the licensing office to register your driver record.',
      text: [say('IDENTITY_MATCH.noDriver', { nationalId: applicant.nationalId })],
      actionText: [say('IDENTITY_MATCH.noDriver.action')],
      evidence: { nationalId: applicant.nationalId, driverRecordFound: false },
    };
  }
  const matches = {
    nationalId: driver.nationalId === applicant.nationalId,
    fullName: namesMatch(driver.fullName, applicant.fullName),
    dateOfBirth: driver.dateOfBirth === applicant.dateOfBirth,
  };
  const evidence = {
    nationalId: applicant.nationalId,
    applicant: { fullName: applicant.fullName, dateOfBirth: applicant.dateOfBirth },
    driverRecord: { ...driver },
    matches,
  };
  const mismatchedFields = (Object.keys(matches) as (keyof typeof matches)[]).filter((k) => !matches[k]);
  const mismatched = mismatchedFields.map((k) => FIELD_WORDS[k]);
  if (mismatched.length > 0) {
    return {
      rule: 'IDENTITY_MATCH',
      outcome: 'FAIL',
      detail: `Your ${listInWords(mismatched)} ${mismatched.length > 1 ? 'do' : 'does'} not match the driver record for citizen ID ${applicant.nationalId}.`,
      action:
        'Make the details on your account match your citizen ID; if the driver record is wrong, ask the licensing office to correct it.',
      text: [
        say('IDENTITY_MATCH.mismatch', {
          fields: mismatchedFields.map((k) => ({ key: `checkText.field.${k}` })),
          nationalId: applicant.nationalId,
        }),
      ],
      actionText: [say('IDENTITY_MATCH.mismatch.action')],
      evidence,
    };
  }
  const disagreements = citizenIdConsistency(driver.nationalId, driver.dateOfBirth, driver.sex);
  if (disagreements.length > 0) {
    return {
      rule: 'IDENTITY_MATCH',
      outcome: 'FLAG',
      detail: `Citizen ID ${driver.nationalId} does not agree with the recorded birth date or sex, so an officer will check it.`,
      text: [say('IDENTITY_MATCH.flag', { nationalId: driver.nationalId })],
      evidence: { ...evidence, citizenIdDisagreements: disagreements },
    };
  }
  return {
    rule: 'IDENTITY_MATCH',
    outcome: 'PASS',
    detail: `Citizen ID ${driver.nationalId}, name and date of birth match the driver record.`,
    text: [say('IDENTITY_MATCH.pass', { nationalId: driver.nationalId })],
    evidence,
  };
};
