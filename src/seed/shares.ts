/**
 * How often each situation occurs in the generated data, in one place so the documentation and the
 * tests can refer to it. Shares of licences unless stated otherwise. The eligibility-relevant
 * situations are deliberately more frequent than in life, so every rule meets real cases in a small
 * data set.
 */
export const SHARES = {
  /** Licences per driver: none, one, two (mean ≈ 1.1). */
  licencesPerDriver: [0.08, 0.74, 0.18],
  /** Of licences: the class that expires does so within the next 6 months. */
  expiringSoon: 0.08,
  /** Of licences: expired less than a year ago (theory re-test). */
  expiredRecently: 0.04,
  /** Of licences: expired a year or more ago (theory and practical re-test). */
  expiredLongAgo: 0.03,
  /** Of licences. */
  suspended: 0.015,
  revoked: 0.005,
  /** Of valid licences: no points left. */
  zeroPoints: 0.002,
  /** Of valid licences: some points deducted since 2025. */
  pointsDeducted: 0.12,
  foreignOrigin: 0.002,
  militaryOrigin: 0.002,
  /** Of licences issued before 2013 (when PET cards arrived): still the paper card. */
  paperIfIssuedBefore2013: 0.64,
  /** Of non-motorbike licences: a motorbike class on the same card. */
  extraMotorbikeClass: 0.12,
  /** Of drivers: vehicles owned, 0 to 3 (mean ≈ 0.7). */
  vehiclesPerDriver: [0.5, 0.35, 0.1, 0.05],
  /** Of drivers holding a licence: unpaid violations in their own name. */
  unpaidViolationOnHolder: 0.03,
  /** Of drivers: an unpaid (camera) violation on a vehicle they own. */
  unpaidViolationOnVehicle: 0.03,
  /** Of drivers: settled violations in their history. */
  paidViolations: 0.12,
  /** Of holders of a class that needs a health certificate. */
  certificate: {
    validFit: 0.68,
    missing: 0.14,
    expired: 0.09,
    unfit: 0.03,
    wrongGroups: 0.03,
    notElectronic: 0.03,
  },
  /** Of drivers with a valid certificate: an older, expired one as well. */
  olderCertificate: 0.2,
  /** Of drivers who need no certificate: they hold one anyway (valid / expired). */
  certificateWithoutNeed: { valid: 0.12, expired: 0.05 },
} as const;
