import { gracePeriodMonthsOn, retestAfterExpiryOn } from './grace-period';
import { healthCertificatePolicyOn } from './health-certificate';
import { renewalWindowMonthsOn } from './renewal-window';

describe('dated renewal policies', () => {
  it('allowed 3 months of grace after expiry until 2024, none from 2025', () => {
    expect(gracePeriodMonthsOn('2024-12-31')).toBe(3);
    expect(gracePeriodMonthsOn('2025-01-01')).toBe(0);
  });

  it('asks for theory only when under 12 months late', () => {
    expect(retestAfterExpiryOn('2026-01-01').theoryOnlyUnderMonths).toBe(12);
  });

  it('takes renewals within 6 months of expiry without a flag', () => {
    expect(renewalWindowMonthsOn('2026-01-01')).toBe(6);
  });

  it('lets a health certificate serve 12 months', () => {
    expect(healthCertificatePolicyOn('2026-01-01').validMonths).toBe(12);
  });
});
