import type { CreateApplicationDto } from '../../src/applications/dto/create-application.dto';
import type { EligibilityInput, LicenceRecord } from '../../src/eligibility/eligibility-input';
import { checkExpiryWindow } from '../../src/eligibility/rules/expiry-window';
import { checkHealthCertificate } from '../../src/eligibility/rules/health-certificate';
import { checkLicenceOrigin } from '../../src/eligibility/rules/licence-origin';

/** A driver as the benchmark's citizens know themselves: from the driver record. */
export interface PlannedDriver {
  nationalId: string;
  fullName: string;
  phone: string | null;
  street: string;
  commune: string;
  provinceCode: string;
}

/** What the citizen sends, minus the photo upload id (made per copy of the database). */
export type PlannedBody = Omit<CreateApplicationDto, 'photoUploadId'>;

/** A number in [0, 1) — seeded, so the same data set always gives the same workload. */
export type Draw = () => number;

const FALLBACK_PHONE = '0912345678';

/**
 * What a citizen holding this licence would apply for, as the online form lets them: a paper card is
 * converted, a card with an expiring class renewed (some replaced instead), a card valid for life
 * replaced (damaged or lost). Returns null when the service would turn the application away at
 * intake — a foreign or military licence, one expired too long, or a class that needs a health
 * certificate from someone who has none — because a real citizen could not send it either. The
 * checks after payment still decide the rest (suspended, unpaid fines, unfit, early renewal).
 */
export function planApplication(
  licence: LicenceRecord,
  driver: PlannedDriver,
  latestCertificate: string | null,
  today: string,
  draw: Draw,
): PlannedBody | null {
  const expiring = licence.classes.some((c) => c.expiresOn !== null);
  const roll = draw();
  let type: PlannedBody['type'];
  if (licence.cardKind === 'PAPER') type = 'PAPER_CONVERSION';
  else if (expiring) type = roll < 0.9 ? 'RENEWAL' : 'REPLACEMENT_DAMAGED';
  else type = roll < 0.7 ? 'REPLACEMENT_DAMAGED' : 'REPLACEMENT_LOST';

  // The intake's own screening (src/applications/intake-screening.ts), for the type chosen.
  const input: EligibilityInput = {
    applicationType: type,
    applicant: { nationalId: driver.nationalId, fullName: '', dateOfBirth: '' },
    driver: null,
    licenceNumber: licence.number,
    licence,
    healthCertificateNumber: null,
    healthCertificate: null,
    unpaidViolations: [],
    ownedPlates: [],
    otherOpenApplications: [],
    today,
  };
  if (checkLicenceOrigin(input, today).outcome === 'FAIL') return null;
  if (checkExpiryWindow(input, today).outcome === 'FAIL') return null;
  const needsCertificate = checkHealthCertificate(input, today).outcome === 'FAIL';
  if (needsCertificate && !latestCertificate) return null;

  return {
    type,
    licenceNumber: licence.number,
    ...(latestCertificate && needsCertificate ? { healthCertificateNumber: latestCertificate } : {}),
    delivery: {
      method: 'POST',
      recipientName: driver.fullName,
      phone: driver.phone && /^(0|\+84)[1-9][0-9]{8}$/.test(driver.phone) ? driver.phone : FALLBACK_PHONE,
      street: driver.street,
      commune: driver.commune,
      provinceCode: driver.provinceCode,
    },
    ...(type === 'REPLACEMENT_LOST'
      ? {
          declaration: {
            lostOn: today,
            circumstances: 'Lost with my wallet on the bus',
            confirmed: true as const,
          },
        }
      : {}),
  };
}

/** Seeded draws (mulberry32): cheap, and the same seed gives the same sequence on every machine. */
export function seededDraw(seed: string): Draw {
  let state = 0;
  for (const ch of seed) state = (Math.imul(state, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
