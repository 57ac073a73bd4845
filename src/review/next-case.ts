import { chainHeadColumns, ChainHeadColumns } from '../audit/known-head';
import type { AuthUser } from '../auth/auth-user';
import type { CaseWish } from './case-waiters';
import type { NextCaseFilterDto } from './dto/claim-next.dto';
import { inScope, provinceScope } from './staff-scope';
import { AWAITING_DECISION } from './work-queue.query';

/** A case claim-next handed to a member of staff. */
export interface NextCase {
  id: string;
  reference: string;
  type: string;
  status: string;
  outcome: string | null;
  dueAt: string | null;
  version: number;
  claimedBy: string;
}

export interface NextCaseRow extends ChainHeadColumns {
  id: string;
  reference: string;
  type: string;
  status: string;
  outcome: string | null;
  due_at: Date | null;
  version: number;
}

/**
 * The cases this member may take next: in their province, awaiting a decision, not about their own
 * licence, not held by a colleague (a lapsed claim is free; their own is given back), flagged only for
 * a supervisor unless asked for. Parameters: nextCaseParams.
 */
const MAY_TAKE = `${inScope('a', '$1')} AND a.status = ANY($2::text[])
  AND ($3::text IS NULL OR a.outcome = $3) AND ($4::text IS NULL OR a.type = $4)
  AND ($5 OR a.outcome IS DISTINCT FROM 'FLAGGED')
  AND ($6::text IS NULL OR a.national_id <> $6)
  AND (a.claimed_by IS NULL OR a.claimed_by = $7 OR a.claimed_at <= now() - make_interval(mins => $8))`;

/** Whether any case is there to take (a read, no lock). */
export const ANY_CASE_WAITING_SQL = `SELECT EXISTS (SELECT 1 FROM applications a WHERE ${MAY_TAKE}) AS waiting`;

/**
 * The case due first (then submitted first), chosen and claimed in one statement, with its audit
 * chain's head (known-head.ts). A case a colleague is claiming at the same moment is skipped, not waited
 * for, so two members never get the same case.
 */
export const CLAIM_NEXT_CASE_SQL = `
  WITH next AS (
    SELECT a.id FROM applications a WHERE ${MAY_TAKE}
    ORDER BY a.due_at NULLS LAST, a.submitted_at, a.id
    LIMIT 1 FOR UPDATE SKIP LOCKED
  )
  UPDATE applications a SET claimed_by = $7, claimed_at = now(), version = a.version + 1, updated_at = now()
  FROM next WHERE a.id = next.id
  RETURNING a.id, a.reference, a.type, a.status, a.outcome, a.due_at, a.version,
    ${chainHeadColumns(`'application:' || a.id::text`)}`;

const mayTakeFlagged = (user: AuthUser, filter: NextCaseFilterDto) =>
  user.role === 'supervisor' || filter.outcome === 'FLAGGED';

export const nextCaseParams = (
  user: AuthUser,
  filter: NextCaseFilterDto,
  claimTtlMinutes: number,
): unknown[] => [
  provinceScope(user),
  AWAITING_DECISION,
  filter.outcome ?? null,
  filter.type ?? null,
  mayTakeFlagged(user, filter),
  user.nationalId ?? null,
  user.id,
  claimTtlMinutes,
];

/** What a member waiting for the next case may be woken for (the same filters as MAY_TAKE). */
export const wishOf = (user: AuthUser, filter: NextCaseFilterDto): CaseWish => ({
  province: provinceScope(user) as string,
  outcome: filter.outcome ?? null,
  type: filter.type ?? null,
  flaggedToo: mayTakeFlagged(user, filter),
});

export const nextCase = (c: NextCaseRow, user: AuthUser): NextCase => ({
  id: c.id,
  reference: c.reference,
  type: c.type,
  status: c.status,
  outcome: c.outcome,
  dueAt: c.due_at?.toISOString() ?? null,
  version: c.version,
  claimedBy: user.id,
});
