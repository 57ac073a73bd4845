import { cleanRenewal, FIXTURE_TODAY, withLicence } from '../eligibility-fixtures';
import { checkLicenceStatus } from './licence-status';

describe('LICENCE_STATUS', () => {
  it('passes a valid licence', () => {
    const result = checkLicenceStatus(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.evidence).toMatchObject({ licenceNumber: '012345678901', status: 'VALID' });
  });

  it('fails a licence suspended until a later day, with reason and dates', () => {
    const suspended = withLicence({
      status: 'SUSPENDED',
      suspendedUntil: '2026-06-30',
      statusReason: 'driving under the influence',
      statusChangedOn: '2026-01-05',
    });
    const result = checkLicenceStatus(suspended, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Licence 012345678901 is suspended until 2026-06-30 (reason: driving under the influence; suspended on 2026-01-05).',
    );
    expect(result.action).toBe('Apply again from 2026-07-01, when the suspension is over.');
    expect(result.evidence).toEqual({
      licenceNumber: '012345678901',
      status: 'SUSPENDED',
      suspendedUntil: '2026-06-30',
      statusReason: 'driving under the influence',
      statusChangedOn: '2026-01-05',
    });
  });

  it('fails on the last day of the suspension and passes the day after', () => {
    const lastDay = withLicence({ status: 'SUSPENDED', suspendedUntil: FIXTURE_TODAY });
    expect(checkLicenceStatus(lastDay, FIXTURE_TODAY).outcome).toBe('FAIL');
    const over = withLicence({ status: 'SUSPENDED', suspendedUntil: '2026-03-09' });
    const result = checkLicenceStatus(over, FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toMatch(/suspended until 2026-03-09; the suspension is over/);
  });

  it('fails a suspension with no end date', () => {
    const result = checkLicenceStatus(withLicence({ status: 'SUSPENDED' }), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Licence 012345678901 is suspended with no end date recorded (no reason recorded).',
    );
  });

  it('fails a revoked licence with the reason and date', () => {
    const revoked = withLicence({
      status: 'REVOKED',
      statusReason: 'fraudulent test',
      statusChangedOn: '2025-11-02',
    });
    const result = checkLicenceStatus(revoked, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe('Licence 012345678901 was revoked on 2025-11-02 (reason: fraudulent test).');
  });

  it('fails a card already replaced by a newer one', () => {
    const result = checkLicenceStatus(
      withLicence({ status: 'REPLACED', statusChangedOn: '2025-04-01' }),
      FIXTURE_TODAY,
    );
    expect(result.outcome).toBe('FAIL');
    expect(result.action).toMatch(/current card/);
  });
});
