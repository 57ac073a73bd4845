import { cleanRenewal, FIXTURE_TODAY } from '../eligibility-fixtures';
import { checkNoOtherOpenApplication } from './no-other-open-application';

describe('NO_OTHER_OPEN_APPLICATION', () => {
  it('passes when no other application for the licence is open', () => {
    const result = checkNoOtherOpenApplication(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.evidence).toEqual({ licenceNumber: '012345678901', openApplications: [] });
  });

  it('fails naming the open application', () => {
    const open = [{ id: '7f1c', reference: 'LR-2026-000042' }];
    const result = checkNoOtherOpenApplication(
      { ...cleanRenewal(), otherOpenApplications: open },
      FIXTURE_TODAY,
    );
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Application LR-2026-000042 for licence 012345678901 is still open, and a licence can have only one open application.',
    );
    expect(result.evidence).toEqual({ licenceNumber: '012345678901', openApplications: open });
  });
});
