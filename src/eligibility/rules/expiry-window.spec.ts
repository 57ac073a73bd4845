import { cleanRenewal, FIXTURE_TODAY, withLicence } from '../eligibility-fixtures';
import { EligibilityInput } from '../eligibility-input';
import { checkExpiryWindow } from './expiry-window';

/** The clean renewal whose B2 class expires on the given day. */
const b2Expiring = (expiresOn: string, input?: EligibilityInput) =>
  withLicence(
    {
      classes: [
        { class: 'A1', issuedOn: '2010-07-01', expiresOn: null },
        { class: 'B2', issuedOn: '2016-08-15', expiresOn },
      ],
    },
    input,
  );

describe('EXPIRY_WINDOW', () => {
  it('passes a renewal within 6 months of the nearest expiry', () => {
    const result = checkExpiryWindow(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toBe('Class B2 expires on 2026-08-15, within the 6-month renewal window.');
    expect(result.evidence).toMatchObject({
      licenceNumber: '012345678901',
      today: FIXTURE_TODAY,
      gracePeriodMonths: 0,
      nearestExpiry: { class: 'B2', expiresOn: '2026-08-15' },
      renewalWindowMonths: 6,
      windowOpensOn: '2026-02-15',
    });
  });

  it('passes on the expiry day itself: the licence is valid through it', () => {
    expect(checkExpiryWindow(b2Expiring(FIXTURE_TODAY), FIXTURE_TODAY).outcome).toBe('PASS');
  });

  it('flags a renewal asked for more than 6 months early', () => {
    const result = checkExpiryWindow(b2Expiring('2026-12-01'), FIXTURE_TODAY);
    expect(result.outcome).toBe('FLAG');
    expect(result.detail).toMatch(/^Class B2 expires on 2026-12-01, more than 6 months away/);
    expect(result.action).toMatch(/apply from 2026-06-01/);
    expect(result.evidence).toMatchObject({ windowOpensOn: '2026-06-01' });
  });

  it('fails an expired licence under a year late: theory re-test', () => {
    const result = checkExpiryWindow(b2Expiring('2025-08-01'), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Class B2 expired on 2025-08-01, 7 months ago, and an expired licence cannot be exchanged online.',
    );
    expect(result.action).toBe(
      'Book a theory re-test for class B2 with the licensing office of your province; the licence is renewed there once you pass.',
    );
    expect(result.evidence).toMatchObject({
      expiredClasses: [{ class: 'B2', expiresOn: '2025-08-01', graceEndsOn: '2025-08-01', retest: 'THEORY' }],
    });
  });

  it('fails a licence expired the day before', () => {
    const result = checkExpiryWindow(b2Expiring('2026-03-09'), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toMatch(/expired on 2026-03-09, 1 day ago/);
  });

  it('asks for theory and practical from exactly one year late', () => {
    const oneYear = checkExpiryWindow(b2Expiring('2025-03-10'), FIXTURE_TODAY);
    expect(oneYear.evidence).toMatchObject({ expiredClasses: [{ retest: 'THEORY_AND_PRACTICAL' }] });
    expect(oneYear.detail).toMatch(/1 year ago/);
    expect(oneYear.action).toMatch(/^Book a theory and a practical re-test for class B2/);
    const almost = checkExpiryWindow(b2Expiring('2025-03-11'), FIXTURE_TODAY);
    expect(almost.evidence).toMatchObject({ expiredClasses: [{ retest: 'THEORY' }] });
  });

  it('names each expired class and its re-test', () => {
    const input = withLicence({
      classes: [
        { class: 'B2', issuedOn: '2015-12-01', expiresOn: '2025-12-01' },
        { class: 'FC', issuedOn: '2019-01-01', expiresOn: '2024-01-01' },
      ],
    });
    const result = checkExpiryWindow(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Classes B2 and FC have expired (B2 on 2025-12-01, 3 months ago; FC on 2024-01-01, 2 years and 2 months ago), and an expired licence cannot be exchanged online.',
    );
    expect(result.action).toMatch(
      /^Book a theory re-test for class B2 and a theory and a practical re-test for class FC/,
    );
  });

  describe('the dated grace period', () => {
    const on = (today: string) => ({ ...b2Expiring('2024-11-01'), today });

    it('passed a licence within 3 months of expiry under the pre-2025 rule', () => {
      const result = checkExpiryWindow(on('2024-12-20'), '2024-12-20');
      expect(result.outcome).toBe('PASS');
      expect(result.detail).toBe(
        'Class B2 expired on 2024-11-01, within the 3-month grace period that ends on 2025-02-01.',
      );
      expect(result.evidence).toMatchObject({ gracePeriodMonths: 3 });
    });

    it('fails the same licence from 2025, when there is no grace period', () => {
      const result = checkExpiryWindow(on('2025-01-05'), '2025-01-05');
      expect(result.outcome).toBe('FAIL');
      expect(result.evidence).toMatchObject({ gracePeriodMonths: 0 });
    });

    it('failed beyond the 3 months even before 2025', () => {
      const late = { ...b2Expiring('2024-08-01'), today: '2024-12-20' };
      expect(checkExpiryWindow(late, '2024-12-20').outcome).toBe('FAIL');
    });
  });

  it('fails a renewal of a licence whose classes are all for life, suggesting the alternatives', () => {
    const input = withLicence({
      classes: [
        { class: 'A1', issuedOn: '2010-07-01', expiresOn: null },
        { class: 'A2', issuedOn: '2012-07-01', expiresOn: null },
      ],
    });
    const result = checkExpiryWindow(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Every class on licence 012345678901 (A1 and A2) is valid for life, so there is nothing to renew.',
    );
    expect(result.action).toMatch(/replacement.*convert it to a PET card/);
  });

  it('passes other application types whatever the renewal window, and lifetime licences', () => {
    const lost = { ...b2Expiring('2030-01-01'), applicationType: 'REPLACEMENT_LOST' as const };
    const result = checkExpiryWindow(lost, FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toBe('No class on licence 012345678901 has expired.');
  });

  it('fails other application types on an expired licence too', () => {
    const damaged = { ...b2Expiring('2025-01-01'), applicationType: 'REPLACEMENT_DAMAGED' as const };
    expect(checkExpiryWindow(damaged, FIXTURE_TODAY).outcome).toBe('FAIL');
  });

  it('is not checked without the licence', () => {
    const result = checkExpiryWindow({ ...cleanRenewal(), licence: null }, FIXTURE_TODAY);
    expect(result).toMatchObject({ outcome: 'NOT_CHECKED', notCheckedBecause: 'LICENCE_FOUND' });
  });
});
