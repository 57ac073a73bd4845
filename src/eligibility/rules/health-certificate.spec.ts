import { cleanRenewal, FIXTURE_TODAY, withCertificate, withLicence } from '../eligibility-fixtures';
import { checkHealthCertificate } from './health-certificate';

describe('HEALTH_CERTIFICATE', () => {
  it('passes an electronic, recent, fit certificate of the applicant covering every class', () => {
    const result = checkHealthCertificate(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toBe(
      'Health certificate HC-2026-000123 (issued 2026-02-20, valid until 2027-02-20, health group 2) covers class B2.',
    );
    expect(result.evidence).toMatchObject({
      certificateRequired: true,
      requiredGroup: 2,
      certificateNumber: 'HC-2026-000123',
      classes: [
        { class: 'A1', needsCertificate: false, healthGroup: 1 },
        { class: 'B2', needsCertificate: true, healthGroup: 2 },
      ],
      certificate: {
        number: 'HC-2026-000123',
        issuedOn: '2026-02-20',
        validUntil: '2027-02-20',
        servesUntil: '2027-02-20',
        result: 'FIT',
        groups: [2],
        electronic: true,
      },
    });
  });

  it('accepts a stricter group for a lighter class', () => {
    expect(checkHealthCertificate(withCertificate({ groups: [3] }), FIXTURE_TODAY).outcome).toBe('PASS');
  });

  it('passes without a certificate when every class held needs none, old or new', () => {
    const input = {
      ...withLicence({
        classes: [
          { class: 'A1', issuedOn: '2010-07-01', expiresOn: null },
          { class: 'A2', issuedOn: '2012-07-01', expiresOn: null },
          { class: 'B1', issuedOn: '2025-07-01', expiresOn: null },
        ],
      }),
      healthCertificateNumber: null,
      healthCertificate: null,
    };
    const result = checkHealthCertificate(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toBe('No health certificate is needed: classes A1, A2 and B1 need none.');
    expect(result.evidence).toMatchObject({ certificateRequired: false });
  });

  it('requires a certificate for an old B1 (cars), unlike the new B1 (tricycles)', () => {
    const input = {
      ...withLicence({ classes: [{ class: 'B1', issuedOn: '2015-07-01', expiresOn: '2050-05-14' }] }),
      healthCertificateNumber: null,
      healthCertificate: null,
    };
    const result = checkHealthCertificate(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe('Class B1 needs a health certificate (group 2), and none was given.');
  });

  it('fails when a certificate number finds nothing', () => {
    const result = checkHealthCertificate({ ...cleanRenewal(), healthCertificate: null }, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Health certificate HC-2026-000123 was not found: the clinic may not have sent it yet.',
    );
  });

  it('fails someone else’s certificate without showing its contents', () => {
    const result = checkHealthCertificate(withCertificate({ nationalId: '079190054321' }), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe('Health certificate HC-2026-000123 was not issued to you.');
    expect(result.evidence).toMatchObject({ heldByApplicant: false });
    expect(result.evidence).not.toHaveProperty('certificate');
  });

  it.each([
    [{ electronic: false }, 'NOT_ELECTRONIC', 'it is on paper'],
    [
      { issuedOn: '2025-03-09', validUntil: '2027-01-01' },
      'OLDER_THAN_VALIDITY',
      'issued on 2025-03-09, more than 12 months ago',
    ],
    [{ validUntil: '2026-03-09' }, 'PAST_VALID_UNTIL', 'valid only until 2026-03-09'],
    [{ result: 'UNFIT' as const }, 'UNFIT', 'found you unfit to drive'],
    [{ groups: [1] }, 'GROUPS_DO_NOT_COVER', 'health group (1) does not cover class B2, which needs group 2'],
    [{ issuedOn: '2026-03-11' }, 'ISSUED_IN_FUTURE', 'issue date 2026-03-11 is in the future'],
  ])('fails a certificate with %j: %s', (patch, problem, words) => {
    const result = checkHealthCertificate(withCertificate(patch), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toMatch(/^Health certificate HC-2026-000123 cannot be used: /);
    expect(result.detail).toContain(words);
    expect(result.evidence).toMatchObject({ problems: [problem], certificate: { number: 'HC-2026-000123' } });
  });

  it('still accepts a certificate on the last day of its 12 months', () => {
    const result = checkHealthCertificate(withCertificate({ issuedOn: '2025-03-10' }), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
  });

  it('lists every problem and every class the groups leave out', () => {
    const input = withCertificate(
      { electronic: false, groups: [2] },
      withLicence({
        classes: [
          { class: 'B2', issuedOn: '2016-08-15', expiresOn: '2026-08-15' },
          { class: 'FC', issuedOn: '2022-01-01', expiresOn: '2027-01-01' },
        ],
      }),
    );
    const result = checkHealthCertificate(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.evidence).toMatchObject({
      requiredGroup: 3,
      problems: ['NOT_ELECTRONIC', 'GROUPS_DO_NOT_COVER'],
      uncoveredClasses: [{ class: 'FC', healthGroup: 3 }],
    });
  });

  it('holds a class missing from the catalogue to the strictest group', () => {
    const input = withLicence({
      classes: [{ class: 'X9', issuedOn: '2020-01-01', expiresOn: '2027-01-01' }],
    });
    const result = checkHealthCertificate(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.evidence).toMatchObject({ classes: [{ class: 'X9', inCatalogue: false, healthGroup: 3 }] });
  });

  it('is not checked without the licence', () => {
    const result = checkHealthCertificate({ ...cleanRenewal(), licence: null }, FIXTURE_TODAY);
    expect(result).toMatchObject({ outcome: 'NOT_CHECKED', notCheckedBecause: 'LICENCE_FOUND' });
  });
});
