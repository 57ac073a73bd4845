import { ClaimsService } from './claims.service';
import type { NextCase } from './next-case';
import type { NextCaseFilterDto } from './dto/claim-next.dto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { issueJob } from '../issuance/issuance-jobs';
import type { NotificationParams, NotificationTemplate } from '../notifications/notification-templates';
import type { OutboxJob } from '../outbox/outbox';
import { ApplicationActions } from '../workflow/application-actions';
import type { ApplicationChanges } from '../workflow/application-changes';
import { personActor } from '../workflow/workflow-gate';
import { addApplicationMessage } from '../applications/application-messages';
import type { WorkflowActionName } from '../workflow/application-workflow';
import { refuseStaffAction } from './case-guards';
import { LicenceVerificationDto, RejectDto, RequestInfoDto } from './dto/decisions.dto';
import { checkJob } from '../eligibility/check-jobs';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import type { MovedApplication } from '../workflow/take-action';
import { StaffCasesRepository } from './staff-cases.repository';

type DecisionAction = Extract<
  WorkflowActionName,
  'APPROVE' | 'REJECT' | 'REQUEST_INFO' | 'LICENCE_VERIFIED' | 'LICENCE_NOT_VERIFIED'
>;

/** The actions that decide the case (the others send it on: to the citizen, or to the checks again). */
const DECIDING: readonly DecisionAction[] = ['APPROVE', 'REJECT', 'LICENCE_NOT_VERIFIED'];

/** What one decision changes besides the state, and what the citizen is told. */
interface Decision {
  action: DecisionAction;
  fourEyes?: boolean;
  notice: { template: NotificationTemplate; params?: NotificationParams };
  reason: string | null;
  changes: ApplicationChanges;
  jobs?: (app: MovedApplication) => OutboxJob[];
}

const CANNOT: Record<DecisionAction, string> = {
  APPROVE: 'it cannot be approved now',
  REJECT: 'it cannot be rejected now',
  REQUEST_INFO: 'more information cannot be asked for now',
  LICENCE_VERIFIED: 'only a licence waiting for verification can be confirmed',
  LICENCE_NOT_VERIFIED: 'only a licence waiting for verification can be refused',
};

export interface DecisionResult {
  id: string;
  status: string;
  version: number;
}

/**
 * Approve, reject or ask for more. Each decision carries the version the officer saw; the UPDATE is
 * conditional on that version, the claim and the state, and its row count decides: of ten concurrent
 * approvals exactly one changes the case, the rest get 409. Approval queues issuance in the same
 * transaction (outbox), through the one write path.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: StaffCasesRepository,
    private readonly actions: ApplicationActions,
    private readonly records: EligibilityLoader,
    private readonly claims: ClaimsService,
    private readonly env: Environment,
  ) {}

  /**
   * With `takeNext`, the same transaction also claims the member's next case (as claim-next with
   * those filters would), so that a member working through the queue makes one request per case.
   */
  async approve(
    user: AuthUser,
    id: string,
    version: number,
    note: string | undefined,
    ip: string,
    takeNext: NextCaseFilterDto | null = null,
  ): Promise<DecisionResult & { next?: NextCase | null }> {
    let next: NextCase | null = null;
    const decided = await this.decide(
      user,
      id,
      version,
      ip,
      {
        action: 'APPROVE',
        fourEyes: true,
        notice: { template: 'APPROVED' },
        reason: note ?? null,
        changes: { decisionNote: note ?? null },
        jobs: () => [issueJob(id)],
      },
      takeNext
        ? async (tx) => {
            next = await this.claims.claimNextIn(tx, user, takeNext, ip);
          }
        : undefined,
    );
    return takeNext ? { ...decided, next } : decided;
  }

  reject(user: AuthUser, id: string, dto: RejectDto, ip: string): Promise<DecisionResult> {
    return this.decide(user, id, dto.version, ip, {
      action: 'REJECT',
      // Raw: the notice says the reason code's sentence in the reader's language, then the note as written.
      notice: { template: 'REJECTED', params: { reasonCode: dto.reasonCode, note: dto.note } },
      reason: `${dto.reasonCode}: ${dto.note}`,
      changes: { decisionReasonCode: dto.reasonCode, decisionNote: dto.note, closedAt: 'now' },
    });
  }

  requestInfo(user: AuthUser, id: string, dto: RequestInfoDto, ip: string): Promise<DecisionResult> {
    return this.decide(
      user,
      id,
      dto.version,
      ip,
      {
        action: 'REQUEST_INFO',
        notice: { template: 'NEEDS_INFO', params: { message: dto.message } },
        reason: dto.message,
        changes: {},
      },
      (tx) =>
        addApplicationMessage(tx, {
          applicationId: id,
          authorKind: 'staff',
          authorId: user.id,
          kind: 'REQUEST_INFO',
          body: dto.message,
        }),
    );
  }

  /**
   * The issuing office's answer on a licence missing from the register: confirmed (the office has
   * added it to the register) sends the case through the checks again; not confirmed refuses it, and
   * the fee is refunded.
   */
  async recordVerification(
    user: AuthUser,
    id: string,
    dto: LicenceVerificationDto,
    ip: string,
  ): Promise<DecisionResult> {
    if (dto.confirmed) {
      const c = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES);
      if (!c) throw notFound('Case');
      const licence = await this.records.licence(c.licence_number);
      if (!licence || licence.nationalId !== c.national_id) {
        throw new DomainError(
          'CONFLICT',
          `Licence ${c.licence_number} is still not in the register in the applicant's name: add it (records import) before recording that the issuing office confirmed it.`,
        );
      }
    }
    return this.decide(user, id, dto.version, ip, {
      action: dto.confirmed ? 'LICENCE_VERIFIED' : 'LICENCE_NOT_VERIFIED',
      notice: dto.confirmed
        ? { template: 'LICENCE_VERIFIED' }
        : {
            template: 'REJECTED',
            params: { reasonCode: 'LICENCE_NOT_ELIGIBLE', note: dto.note },
          },
      reason: dto.note,
      changes: dto.confirmed
        ? { newCheckRun: true, dueAt: null }
        : { decisionReasonCode: 'LICENCE_NOT_ELIGIBLE', decisionNote: dto.note, closedAt: 'now' },
      jobs: (app) => (dto.confirmed ? [checkJob(app.id, app.check_run)] : []),
    });
  }

  private async decide(
    user: AuthUser,
    id: string,
    version: number,
    ip: string,
    decision: Decision,
    after?: (tx: EntityManager) => Promise<void>,
  ): Promise<DecisionResult> {
    return this.db.transaction(async (tx) => {
      const c = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES, tx);
      if (!c) throw notFound('Case');
      const refusal = refuseStaffAction(user, c, { version, needsClaim: true, fourEyes: decision.fourEyes });
      if (refusal) throw refusal;
      const decides = DECIDING.includes(decision.action);
      const moved = await this.actions.take(tx, {
        applicationId: id,
        action: decision.action,
        actor: personActor(user, ip),
        expectVersion: version,
        guard: { claimedBy: user.id },
        changes: {
          ...(decides || decision.action === 'REQUEST_INFO'
            ? { decidedAt: decides ? 'now' : null, decidedBy: decides ? user.id : null }
            : {}),
          releaseClaim: true,
          ...decision.changes,
        },
        reason: decision.reason,
        data: { version, outcome: c.outcome },
        notice: decision.notice,
        jobs: (app) => decision.jobs?.(app) ?? [],
      });
      if (!moved) {
        const now = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES, tx);
        throw (
          (now && refuseStaffAction(user, now, { version, needsClaim: true })) ??
          new DomainError(
            'CONFLICT',
            `Case ${c.reference} is ${now?.status ?? c.status}: ${CANNOT[decision.action]}.`,
          )
        );
      }
      await after?.(tx);
      return { id, status: moved.status, version: moved.version };
    });
  }
}
