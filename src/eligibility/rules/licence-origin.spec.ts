import { cleanRenewal, FIXTURE_TODAY, withLicence } from '../eligibility-fixtures';
import { checkLicenceOrigin } from './licence-origin';

describe('LICENCE_ORIGIN', () => {
  it('passes a domestic civil licence', () => {
    const result = checkLicenceOrigin(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.evidence).toEqual({ licenceNumber: '012345678901', origin: 'DOMESTIC' });
  });

  it.each([
    ['FOREIGN', 'a foreign licence'],
    ['MILITARY', 'a military licence'],
  ] as const)('fails a %s licence: exchanged at the office, not online', (origin, words) => {
    const result = checkLicenceOrigin(withLicence({ origin }), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toContain(words);
    expect(result.detail).toContain('exchanged at the licensing office, not online');
    expect(result.evidence).toEqual({ licenceNumber: '012345678901', origin });
  });

  it('is not checked, and fails, without a licence in the applicant’s name', () => {
    const result = checkLicenceOrigin({ ...cleanRenewal(), licence: null }, FIXTURE_TODAY);
    expect(result).toMatchObject({ outcome: 'NOT_CHECKED', notCheckedBecause: 'LICENCE_FOUND' });
    expect(result.detail).toMatch(/^Not checked: /);
  });
});
