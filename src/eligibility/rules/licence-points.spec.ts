import { cleanRenewal, FIXTURE_TODAY, withLicence } from '../eligibility-fixtures';
import { checkLicencePoints } from './licence-points';

describe('LICENCE_POINTS', () => {
  it('passes with points left', () => {
    const result = checkLicencePoints(withLicence({ points: 3 }), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toBe('Licence 012345678901 has 3 of 12 points.');
    expect(result.evidence).toEqual({ licenceNumber: '012345678901', points: 3 });
  });

  it('flags 0 points for the officer: the exchange goes ahead and the points carry over', () => {
    const result = checkLicencePoints(withLicence({ points: 0 }), FIXTURE_TODAY);
    expect(result.outcome).toBe('FLAG');
    expect(result.detail).toMatch(/points carry over/);
    expect(result.detail).toMatch(/no points left/);
    expect(result.evidence).toEqual({ licenceNumber: '012345678901', points: 0 });
  });

  it('is not checked for someone else’s licence', () => {
    const result = checkLicencePoints(withLicence({ nationalId: '079190054321', points: 0 }), FIXTURE_TODAY);
    expect(result).toMatchObject({ outcome: 'NOT_CHECKED', notCheckedBecause: 'LICENCE_FOUND' });
    expect(result.evidence).toEqual({ notCheckedBecause: 'LICENCE_FOUND' });
  });

  it('passes the clean renewal', () => {
    expect(checkLicencePoints(cleanRenewal(), FIXTURE_TODAY).outcome).toBe('PASS');
  });
});
