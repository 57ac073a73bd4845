import { updateReturning } from '../database/update-returning';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { chainHeadColumns, ChainHeadColumns, knownHead } from '../audit/known-head';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { refuseStaffAction } from './case-guards';
import { CaseWaiters } from './case-waiters';
import type { ClaimNextDto, NextCaseFilterDto } from './dto/claim-next.dto';
import {
  ANY_CASE_WAITING_SQL,
  CLAIM_NEXT_CASE_SQL,
  nextCase,
  NextCase,
  NextCaseRow,
  nextCaseParams,
  wishOf,
} from './next-case';
import { StaffCasesRepository } from './staff-cases.repository';

const CLAIMABLE = [
  'PENDING_REVIEW',
  'AWAITING_VERIFICATION',
  'NEEDS_ATTENTION',
  'RETURNED_TO_OFFICE',
  'ISSUED',
];

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
    private readonly waiters: CaseWaiters,
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

  /**
   * The next case for this member, or null when none is waiting; with `waitSeconds`, waits that long
   * (at most CLAIM_WAIT_MAX_SECONDS) for one to arrive, unless `signal` aborts first: the member went
   * away, so nothing is claimed for them. A member woken for a case they may not take after all (one
   * about their own licence) asks again at each look, as an idle member used to every two seconds.
   */
  async claimNext(
    user: AuthUser,
    filter: ClaimNextDto,
    ip: string,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<NextCase | null> {
    const until = Date.now() + Math.min(filter.waitSeconds ?? 0, this.env.CLAIM_WAIT_MAX_SECONDS) * 1000;
    let woken = false;
    for (;;) {
      const next = await this.claimNextNow(user, filter, ip, woken);
      if (next) return next;
      // Woken when a case that fits arrived; a colleague may still take it first, then wait on.
      woken = await this.waiters.waitForCase(wishOf(user, filter), until - Date.now(), signal);
      if (!woken) return null;
    }
  }

  /**
   * Claims the next case that fits. Unless the member was just woken for a case that fits, a cheap
   * read first asks whether any case waits, so that an empty queue costs no transaction.
   */
  private async claimNextNow(
    user: AuthUser,
    filter: ClaimNextDto,
    ip: string,
    woken: boolean,
  ): Promise<NextCase | null> {
    if (!woken) {
      const params = nextCaseParams(user, filter, this.env.CLAIM_TTL_MINUTES);
      const [{ waiting }] = await this.db.query<{ waiting: boolean }[]>(ANY_CASE_WAITING_SQL, params);
      if (!waiting) return null;
    }
    return this.db.transaction((tx) => this.claimNextIn(tx, user, filter, ip));
  }

  /**
   * Claims the next case that fits this member (next-case.ts) in the caller's transaction, with its
   * audit entry; null when none is free.
   */
  async claimNextIn(
    tx: EntityManager,
    user: AuthUser,
    filter: NextCaseFilterDto,
    ip: string,
  ): Promise<NextCase | null> {
    const params = nextCaseParams(user, filter, this.env.CLAIM_TTL_MINUTES);
    const [c] = await updateReturning<NextCaseRow>(tx, CLAIM_NEXT_CASE_SQL, params);
    if (!c) return null; // none waiting, or taken by colleagues in the meantime
    await this.audit.record(tx, {
      actor: { kind: 'staff', id: user.id, role: user.role, ip },
      action: 'CLAIM',
      subjectType: 'application',
      subjectId: c.id,
      applicationId: c.id,
      data: { next: true },
      knownHead: knownHead(c),
    });
    return nextCase(c, user);
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
