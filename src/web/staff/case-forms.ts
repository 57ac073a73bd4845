import type { AuthUser } from '../../auth/auth-user';
import type { DomainError } from '../../common/errors/domain-error';
import { REJECTION_REASONS } from '../../review/dto/decisions.dto';
import type { FieldProblem, FormValues } from '../http/form-errors';

export const REJECTION_CODES = Object.keys(REJECTION_REASONS);
export const DECISION_FIELDS = ['version', 'reasonCode', 'note', 'message', 'confirmed'] as const;

export function versionOf(v: FormValues): number | null {
  return /^[0-9]{1,9}$/.test(v.version) ? Number(v.version) : null;
}

export function rejectProblems(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!REJECTION_CODES.includes(v.reasonCode))
    problems.push({ field: 'reasonCode', key: 'case.reject.reason.required' });
  if (!v.note) problems.push({ field: 'note', key: 'case.reject.note.required' });
  else if (v.note.length > 2000) problems.push({ field: 'note', key: 'case.note.tooLong' });
  return problems;
}

export function requestInfoProblems(v: FormValues): FieldProblem[] {
  if (!v.message) return [{ field: 'message', key: 'case.requestInfo.message.required' }];
  return v.message.length > 2000 ? [{ field: 'message', key: 'case.note.tooLong' }] : [];
}

/** The issuing office's answer on a licence missing from the register: confirmed or not, and what it said. */
export function verifyProblems(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (v.confirmed !== 'yes' && v.confirmed !== 'no')
    problems.push({ field: 'confirmed', key: 'case.verify.confirmed.required' });
  if (!v.note) problems.push({ field: 'note', key: 'case.verify.note.required' });
  else if (v.note.length > 2000) problems.push({ field: 'note', key: 'case.note.tooLong' });
  return problems;
}

export type CaseAction = 'claim' | 'release' | 'approve' | 'reject' | 'request-info' | 'verify';

export interface CaseState {
  claim: { holder: string | null } | null;
  outcome: string | null;
  applicantNationalId: string | null;
}

/**
 * Why a claim or decision was refused, as a translation key, worked out from the error's code and the
 * case as it is now: someone else acted first (version), someone else holds it, it must be claimed
 * first, it is the officer's own licence, a flagged case needs a supervisor, or its state moved on.
 */
export function refusalKey(error: DomainError, action: CaseAction, c: CaseState, user: AuthUser): string {
  if (error.code === 'STALE_VERSION') return 'case.errors.stale';
  if (action === 'release' && error.code === 'CONFLICT') return 'case.errors.notHolder';
  if (error.code === 'FORBIDDEN') {
    if (user.nationalId && user.nationalId === c.applicantNationalId) return 'case.errors.ownLicence';
    return c.outcome === 'FLAGGED' ? 'case.errors.fourEyes' : 'case.errors.forbidden';
  }
  if (error.code === 'CONFLICT') {
    if (c.claim && c.claim.holder !== user.id) return 'case.errors.claimedByOther';
    if (!c.claim && action !== 'claim') return 'case.errors.claimFirst';
    return 'case.errors.wrongState';
  }
  return 'case.errors.wrongState';
}
