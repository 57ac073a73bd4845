import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { transitionApplication } from '../applications/application-transitions';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { scheduleIssuance } from '../issuance/issuance-jobs';
import { Notifier } from '../notifications/notifier';
import type { WorkflowActionName } from '../workflow/application-workflow';
import { refuseStaffAction } from './case-guards';
import { RejectDto, RequestInfoDto } from './dto/decisions.dto';
import { StaffCaseRow, StaffCasesRepository } from './staff-cases.repository';

export interface DecisionResult {
  id: string;
  status: string;
  version: number;
}

/**
 * Approve, reject or ask for more. Each decision carries the version the officer saw; the UPDATE is
 * conditional on that version, the claim and the state, and its row count decides: of ten concurrent
 * approvals exactly one changes the case, the rest get 409. Approval queues issuance in the same
 * transaction (outbox).
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: StaffCasesRepository,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly env: Environment,
  ) {}

  approve(
    user: AuthUser,
    id: string,
    version: number,
    note: string | undefined,
    ip: string,
  ): Promise<DecisionResult> {
    return this.decide(user, id, version, ip, { action: 'APPROVE', fourEyes: true }, async (tx, c) => {
      await scheduleIssuance(tx, c.id);
      return { template: 'APPROVED', params: {}, reason: note ?? null, set: { decision_note: note ?? null } };
    });
  }

  reject(user: AuthUser, id: string, dto: RejectDto, ip: string): Promise<DecisionResult> {
    return this.decide(user, id, dto.version, ip, { action: 'REJECT' }, async () => ({
      template: 'REJECTED',
      // Raw: the notice says the reason code's sentence in the reader's language, then the note as written.
      params: { reasonCode: dto.reasonCode, note: dto.note },
      reason: `${dto.reasonCode}: ${dto.note}`,
      set: { decision_reason_code: dto.reasonCode, decision_note: dto.note, closed_at: { sql: 'now()' } },
    }));
  }

  requestInfo(user: AuthUser, id: string, dto: RequestInfoDto, ip: string): Promise<DecisionResult> {
    return this.decide(user, id, dto.version, ip, { action: 'REQUEST_INFO' }, async (tx, c) => {
      await tx.query(
        `INSERT INTO application_messages (application_id, author_kind, author_id, kind, body) VALUES ($1, 'staff', $2, 'REQUEST_INFO', $3)`,
        [c.id, user.id, dto.message],
      );
      return { template: 'NEEDS_INFO', params: { message: dto.message }, reason: dto.message, set: {} };
    });
  }

  private async decide(
    user: AuthUser,
    id: string,
    version: number,
    ip: string,
    opts: { action: Extract<WorkflowActionName, 'APPROVE' | 'REJECT' | 'REQUEST_INFO'>; fourEyes?: boolean },
    effects: (
      tx: EntityManager,
      c: StaffCaseRow,
    ) => Promise<{
      template: 'APPROVED' | 'REJECTED' | 'NEEDS_INFO';
      params: Record<string, string>;
      reason: string | null;
      set: Record<string, unknown>;
    }>,
  ): Promise<DecisionResult> {
    return this.db.transaction(async (tx) => {
      const c = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES, tx);
      if (!c) throw notFound('Case');
      const refusal = refuseStaffAction(user, c, { version, needsClaim: true, fourEyes: opts.fourEyes });
      if (refusal) throw refusal;
      const outcome = await effects(tx, c);
      const moved = await transitionApplication(tx, {
        id,
        action: opts.action,
        expectVersion: version,
        extraWhere: `a.claimed_by = '${user.id}'::uuid`,
        set: {
          decided_at: opts.action === 'REQUEST_INFO' ? null : { sql: 'now()' },
          decided_by: opts.action === 'REQUEST_INFO' ? null : user.id,
          // A decided case, or one waiting for the citizen, is no longer held by anyone.
          claimed_by: null,
          claimed_at: null,
          ...outcome.set,
        },
      });
      if (!moved) {
        const now = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES, tx);
        throw (
          (now && refuseStaffAction(user, now, { version, needsClaim: true })) ??
          new DomainError(
            'CONFLICT',
            `Case ${c.reference} is ${now?.status ?? c.status}: it cannot be ${opts.action.toLowerCase().replace('_', ' ')}d now.`,
          )
        );
      }
      await this.audit.record(tx, {
        actor: { kind: 'staff', id: user.id, role: user.role, ip },
        action: opts.action,
        subjectType: 'application',
        subjectId: id,
        applicationId: id,
        fromState: moved.from_status,
        toState: moved.status,
        reason: outcome.reason,
        data: { version, outcome: c.outcome },
      });
      await this.notifier.notify(tx, {
        citizenId: c.citizen_id,
        applicationId: id,
        template: outcome.template,
        params: { reference: c.reference, ...outcome.params },
        dedupeKey: `${id}:${opts.action}:${moved.version}`,
      });
      return { id, status: moved.status, version: moved.version };
    });
  }
}
