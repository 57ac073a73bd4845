import { cleanRenewal, FIXTURE_TODAY } from '../eligibility-fixtures';
import { checkIdentityMatch } from './identity-match';

describe('IDENTITY_MATCH', () => {
  it('passes when ID, name (diacritics aside) and birth date match the driver record', () => {
    const result = checkIdentityMatch(cleanRenewal(), FIXTURE_TODAY);
    expect(result).toMatchObject({ rule: 'IDENTITY_MATCH', outcome: 'PASS' });
    expect(result.evidence).toMatchObject({
      nationalId: '001090012345',
      applicant: { fullName: 'Nguyen Van An', dateOfBirth: '1990-05-14' },
      driverRecord: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'M' },
      matches: { nationalId: true, fullName: true, dateOfBirth: true },
    });
  });

  it('fails without a driver record', () => {
    const result = checkIdentityMatch({ ...cleanRenewal(), driver: null }, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe('There is no driver record for citizen ID 001090012345.');
    expect(result.action).toMatch(/licensing office/);
    expect(result.evidence).toEqual({ nationalId: '001090012345', driverRecordFound: false });
  });

  it('fails when the name differs beyond case and diacritics', () => {
    const input = cleanRenewal();
    input.applicant.fullName = 'Nguyen Van Anh';
    const result = checkIdentityMatch(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe('Your name does not match the driver record for citizen ID 001090012345.');
    expect(result.evidence).toMatchObject({ matches: { fullName: false, dateOfBirth: true } });
  });

  it('fails when the birth date and name both differ, naming both', () => {
    const input = cleanRenewal();
    input.applicant.fullName = 'Tran Van An';
    input.applicant.dateOfBirth = '1990-05-15';
    const result = checkIdentityMatch(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toMatch(/^Your name and date of birth do not match/);
  });

  it('flags a citizen ID whose digits disagree with the recorded birth year', () => {
    const input = cleanRenewal();
    for (const who of [input.applicant, input.driver!]) who.nationalId = '001091012345';
    const result = checkIdentityMatch(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FLAG');
    expect(result.detail).toMatch(/does not agree with the recorded birth date or sex/);
    expect(result.evidence.citizenIdDisagreements).toEqual([
      { check: 'BIRTH_YEAR', message: expect.stringMatching(/Digits 5–6 are 91/) },
    ]);
  });

  it('flags a citizen ID whose century/sex digit disagrees with the recorded sex', () => {
    const input = cleanRenewal();
    input.driver!.sex = 'F';
    const result = checkIdentityMatch(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FLAG');
    expect(result.evidence.citizenIdDisagreements).toEqual([
      expect.objectContaining({ check: 'CENTURY_SEX_DIGIT' }),
    ]);
  });
});
