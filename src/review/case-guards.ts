import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import type { StaffCaseRow } from './staff-cases.repository';

/**
 * Why a staff action on a case cannot go ahead, checked in the order a person would want to hear it.
 * Returns nothing when it may.
 */
export function refuseStaffAction(
  user: AuthUser,
  c: StaffCaseRow,
  opts: { version?: number; needsClaim: boolean; fourEyes?: boolean },
): DomainError | null {
  if (user.nationalId && user.nationalId === c.national_id) {
    return new DomainError(
      'FORBIDDEN',
      'This application is about your own licence: another member of staff must handle it.',
    );
  }
  if (opts.needsClaim) {
    if (!c.claim_active) return new DomainError('CONFLICT', `Claim case ${c.reference} before acting on it.`);
    if (c.claimed_by !== user.id) {
      return new DomainError(
        'CONFLICT',
        `Case ${c.reference} is claimed by another member of staff. A supervisor can take it over.`,
      );
    }
  }
  if (opts.version !== undefined && opts.version !== c.version) {
    return new DomainError(
      'STALE_VERSION',
      `Case ${c.reference} has changed since you loaded it (your version ${opts.version}, now ${c.version}). Reload it and decide again.`,
      { currentVersion: c.version },
    );
  }
  if (opts.fourEyes && c.outcome === 'FLAGGED' && user.role !== 'supervisor') {
    return new DomainError(
      'FORBIDDEN',
      `Case ${c.reference} was flagged by the checks: a supervisor must approve it (four eyes).`,
    );
  }
  return null;
}
