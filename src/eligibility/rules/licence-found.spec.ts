import { cleanRenewal, FIXTURE_TODAY, withLicence } from '../eligibility-fixtures';
import { checkLicenceFound } from './licence-found';

describe('LICENCE_FOUND', () => {
  it('passes for a registered licence in the applicant’s name', () => {
    const result = checkLicenceFound(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.evidence).toEqual({
      licenceNumber: '012345678901',
      found: true,
      heldByApplicant: true,
      cardKind: 'PET',
      issuingProvinceCode: '01',
    });
  });

  it('flags a licence not in the register for the issuing office to verify (old paper licences)', () => {
    const result = checkLicenceFound({ ...cleanRenewal(), licence: null }, FIXTURE_TODAY);
    expect(result.outcome).toBe('FLAG');
    expect(result.detail).toMatch(/^Licence 012345678901 is not in the national register: .*verify/);
    expect(result.evidence).toEqual({
      licenceNumber: '012345678901',
      found: false,
      verificationNeeded: true,
    });
  });

  it('fails for someone else’s licence without revealing whose it is', () => {
    const result = checkLicenceFound(withLicence({ nationalId: '079190054321' }), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe('Licence 012345678901 is not registered to citizen ID 001090012345.');
    expect(result.evidence).toEqual({ licenceNumber: '012345678901', found: true, heldByApplicant: false });
    expect(JSON.stringify(result)).not.toContain('079190054321');
  });
});
