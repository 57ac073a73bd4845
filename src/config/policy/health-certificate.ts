import { Dated, inForceOn } from './dated';
import { HealthGroup } from './licence-classes';

export interface HealthCertificatePolicy {
  /** A certificate serves for this many months from the day it was issued. */
  validMonths: number;
}

/** Circular 36/2024/TT-BYT and its predecessors: a driver's health certificate serves 12 months. */
export const HEALTH_CERTIFICATE_POLICY: readonly Dated<HealthCertificatePolicy>[] = [
  { from: '1970-01-01', value: { validMonths: 12 } },
];

export function healthCertificatePolicyOn(date: string): HealthCertificatePolicy {
  return inForceOn(HEALTH_CERTIFICATE_POLICY, date);
}

/**
 * Whether a certificate's groups cover a class's group. The standards are nested (group 3 is the
 * strictest), so a holder found fit for a stricter group is fit for the lighter ones.
 */
export function healthGroupsCover(groups: readonly number[], required: HealthGroup): boolean {
  return groups.some((g) => g >= required);
}
