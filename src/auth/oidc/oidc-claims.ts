import { isIsoDate } from '../../config/policy/calendar-date';
import type { VerifiedCitizenIdentity } from '../identity/citizen-identity-provider';

/** Which claims carry the citizen ID, full name and birth date (they differ between providers). */
export interface OidcClaimNames {
  nationalId: string;
  fullName: string;
  birthdate: string;
}

export type OidcClaimsOutcome =
  { identity: VerifiedCitizenIdentity } | { missing: string[] } | { malformed: string[] };

const CITIZEN_ID = /^[0-9]{12}$/;
const DAY_MONTH_YEAR = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** OpenID's `birthdate` is YYYY-MM-DD; Vietnamese systems also write DD/MM/YYYY. Null for anything else. */
export function isoBirthDate(value: string): string | null {
  const dmy = DAY_MONTH_YEAR.exec(value);
  const iso = dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : value;
  return isIsoDate(iso) ? iso : null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * The identity the provider vouches for, read from its claims under the configured names. Every claim
 * must be present and well formed: a citizen ID is 12 digits (a string, as leading zeros matter).
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  names: OidcClaimNames,
): OidcClaimsOutcome {
  const nationalId = text(claims[names.nationalId]);
  const fullName = text(claims[names.fullName]);
  const birthdate = text(claims[names.birthdate]);
  const missing = [
    nationalId === null && names.nationalId,
    fullName === null && names.fullName,
    birthdate === null && names.birthdate,
  ].filter((n): n is string => typeof n === 'string');
  if (missing.length || nationalId === null || fullName === null || birthdate === null) return { missing };

  const dateOfBirth = isoBirthDate(birthdate);
  const malformed = [
    !CITIZEN_ID.test(nationalId) && names.nationalId,
    fullName.length > 200 && names.fullName,
    dateOfBirth === null && names.birthdate,
  ].filter((n): n is string => typeof n === 'string');
  if (malformed.length || dateOfBirth === null) return { malformed };
  return { identity: { nationalId, fullName, dateOfBirth } };
}
