import { EligibilityInput, HealthCertificateRecord, LicenceRecord } from './eligibility-input';

/**
 * Inputs for tests of the eligibility rules: a clean renewal that passes every rule, and helpers that
 * change one thing about it. Each call returns fresh objects, so a test may change them freely.
 */
export const FIXTURE_TODAY = '2026-03-10';

export function cleanRenewal(): EligibilityInput {
  return {
    applicationType: 'RENEWAL',
    applicant: { nationalId: '001090012345', fullName: 'Nguyen Van An', dateOfBirth: '1990-05-14' },
    driver: { nationalId: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'M' },
    licenceNumber: '012345678901',
    licence: {
      number: '012345678901',
      nationalId: '001090012345',
      cardKind: 'PET',
      origin: 'DOMESTIC',
      status: 'VALID',
      suspendedUntil: null,
      statusReason: null,
      statusChangedOn: null,
      points: 12,
      issuingProvinceCode: '01',
      classes: [
        { class: 'A1', issuedOn: '2010-07-01', expiresOn: null },
        // Expires in 5 months: inside the 6-month renewal window on FIXTURE_TODAY.
        { class: 'B2', issuedOn: '2016-08-15', expiresOn: '2026-08-15' },
      ],
    },
    healthCertificateNumber: 'HC-2026-000123',
    healthCertificate: {
      number: 'HC-2026-000123',
      nationalId: '001090012345',
      issuedOn: '2026-02-20',
      validUntil: '2027-02-20',
      result: 'FIT',
      groups: [2],
      electronic: true,
    },
    unpaidViolations: [],
    ownedPlates: ['29A-123.45'],
    otherOpenApplications: [],
    newDetails: null,
    today: FIXTURE_TODAY,
  };
}

/** The clean renewal with its licence changed. */
export function withLicence(patch: Partial<LicenceRecord>, input = cleanRenewal()): EligibilityInput {
  return { ...input, licence: { ...input.licence!, ...patch } };
}

/** The clean renewal with its health certificate changed. */
export function withCertificate(
  patch: Partial<HealthCertificateRecord>,
  input = cleanRenewal(),
): EligibilityInput {
  return { ...input, healthCertificate: { ...input.healthCertificate!, ...patch } };
}
