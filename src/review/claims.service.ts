import { updateReturning } from '../database/update-returning';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chainHeadColumns, ChainHeadColumns, knownHead } from '../audit/known-head';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { refuseStaffAction } from './case-guards';
import type { ClaimNextDto } from './dto/claim-next.dto';
import { StaffCasesRepository } from './staff-cases.repository';
import { inScope, provinceScope } from './staff-scope';
import { AWAITING_DECISION } from './work-queue.query';

const CLAIMABLE = [
  'PENDING_REVIEW',
  'AWAITING_VERIFICATION',
  'NEEDS_ATTENTION',
  'RETURNED_TO_OFFICE',
  'ISSUED',
];

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

/**
 * The waiting case due first (then submitted first) that this member may take: in their province, awaiting a decision, not
 * about their own licence, not held by a colleague (a lapsed claim is free), flagged only for a
 * supervisor unless asked for. Chosen and claimed in one statement; a case a colleague is claiming at
 * the same moment is skipped, not waited for, so two members never get the same case.
 */
const CLAIM_NEXT_SQL = `
  WITH next AS (
    SELECT a.id FROM applications a
    WHERE ${inScope('a', '$1')} AND a.status = ANY($2::text[])
      AND ($3::text IS NULL OR a.outcome = $3) AND ($4::text IS NULL OR a.type = $4)
      AND ($5 OR a.outcome IS DISTINCT FROM 'FLAGGED')
      AND ($6::text IS NULL OR a.national_id <> $6)
      AND (a.claimed_by IS NULL OR a.claimed_by = $7 OR a.claimed_at <= now() - make_interval(mins => $8))
    ORDER BY a.due_at NULLS LAST, a.submitted_at, a.id
    LIMIT 1 FOR UPDATE SKIP LOCKED
  )
  UPDATE applications a SET claimed_by = $7, claimed_at = now(), version = a.version + 1, updated_at = now()
  FROM next WHERE a.id = next.id
  RETURNING a.id, a.reference, a.type, a.status, a.outcome, a.due_at, a.version,
    ${chainHeadColumns(`'application:' || a.id::text`)}`;

/**
 * One holder per case at a time. A claim lapses after CLAIM_TTL_MINUTES without activity; a supervisor
 * may take over a case someone else holds. Claiming and releasing bump the case version.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: StaffCasesRepository,
    private readonly audit: AuditLog,
    private readonly env: Environment,
  ) {}

  async claim(
    user: AuthUser,
    id: string,
    ip: string,
  ): Promise<{ id: string; version: number; claimedBy: string }> {
    return this.db.transaction(async (tx) => {
      const c = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES, tx);
      if (!c) throw notFound('Case');
      const refusal = refuseStaffAction(user, c, { needsClaim: false });
      if (refusal) throw refusal;
      if (!CLAIMABLE.includes(c.status))
        throw new DomainError('CONFLICT', `Case ${c.reference} is ${c.status}: there is nothing to claim.`);
      const takeover = c.claim_active && c.claimed_by !== user.id;
      if (takeover && user.role !== 'supervisor') {
        throw new DomainError(
          'CONFLICT',
          `Case ${c.reference} is claimed by another member of staff. A supervisor can take it over.`,
        );
      }
      const rows = await updateReturning<{ version: number } & ChainHeadColumns>(
        tx,
        `UPDATE applications SET claimed_by = $2, claimed_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $3 RETURNING version, ${chainHeadColumns(`'application:' || id::text`)}`,
        [id, user.id, c.version],
      );
      if (!rows.length)
        throw new DomainError(
          'STALE_VERSION',
          `Case ${c.reference} changed while you claimed it. Try again.`,
        );
      await this.audit.record(tx, {
        actor: { kind: 'staff', id: user.id, role: user.role, ip },
        action: takeover ? 'TAKE_OVER' : 'CLAIM',
        subjectType: 'application',
        subjectId: id,
        applicationId: id,
        data: takeover ? { previousHolder: c.claimed_by } : {},
        knownHead: knownHead(rows[0]),
      });
      return { id, version: rows[0].version, claimedBy: user.id };
    });
  }

  /** Claims the next waiting case for `user` (see CLAIM_NEXT_SQL); null when there is none. */
  async claimNext(user: AuthUser, filter: ClaimNextDto, ip: string): Promise<NextCase | null> {
    return this.db.transaction(async (tx) => {
      const [c] = await updateReturning<NextCaseRow>(tx, CLAIM_NEXT_SQL, [
        provinceScope(user),
        AWAITING_DECISION,
        filter.outcome ?? null,
        filter.type ?? null,
        user.role === 'supervisor' || filter.outcome === 'FLAGGED',
        user.nationalId ?? null,
        user.id,
        this.env.CLAIM_TTL_MINUTES,
      ]);
      if (!c) return null;
      await this.audit.record(tx, {
        actor: { kind: 'staff', id: user.id, role: user.role, ip },
        action: 'CLAIM',
        subjectType: 'application',
        subjectId: c.id,
        applicationId: c.id,
        data: { next: true },
        knownHead: knownHead(c),
      });
      return {
        id: c.id,
        reference: c.reference,
        type: c.type,
        status: c.status,
        outcome: c.outcome,
        dueAt: c.due_at?.toISOString() ?? null,
        version: c.version,
        claimedBy: user.id,
      };
    });
  }

  async release(user: AuthUser, id: string, ip: string): Promise<{ id: string; version: number }> {
    return this.db.transaction(async (tx) => {
      const c = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES, tx);
      if (!c) throw notFound('Case');
      if (c.claimed_by !== user.id || !c.claim_active) {
        throw new DomainError(
          'CONFLICT',
          `You do not hold case ${c.reference}, so there is nothing to release.`,
        );
      }
      const [row] = await updateReturning<{ version: number }>(
        tx,
        `UPDATE applications SET claimed_by = NULL, claimed_at = NULL, version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING version`,
        [id],
      );
      await this.audit.record(tx, {
        actor: { kind: 'staff', id: user.id, role: user.role, ip },
        action: 'RELEASE',
        subjectType: 'application',
        subjectId: id,
        applicationId: id,
      });
      return { id, version: row.version };
    });
  }
}

interface NextCaseRow extends ChainHeadColumns {
  id: string;
  reference: string;
  type: string;
  status: string;
  outcome: string | null;
  due_at: Date | null;
  version: number;
}
