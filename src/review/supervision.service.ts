import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { checkJob } from '../eligibility/check-jobs';
import { ApplicationActions } from '../workflow/application-actions';
import { personActor } from '../workflow/workflow-gate';
import { inScope, provinceScope } from './staff-scope';
import { StaffCasesRepository } from './staff-cases.repository';

export interface StaffAlert {
  id: string;
  applicationId: string;
  reference: string;
  kind: string;
  message: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

/** What supervisors watch over: breached deadlines and cases the machinery could not finish. */
@Injectable()
export class SupervisionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: StaffCasesRepository,
    private readonly audit: AuditLog,
    private readonly actions: ApplicationActions,
    private readonly env: Environment,
  ) {}

  async alerts(user: AuthUser, includeAcknowledged: boolean): Promise<{ items: StaffAlert[] }> {
    const rows = await this.db.query<
      {
        id: string;
        application_id: string;
        reference: string;
        kind: string;
        message: string;
        created_at: Date;
        acknowledged_at: Date | null;
      }[]
    >(
      `SELECT s.id, s.application_id, a.reference, s.kind, s.message, s.created_at, s.acknowledged_at
       FROM staff_alerts s JOIN applications a ON a.id = s.application_id
       WHERE ${inScope('s', '$1')} AND ($2 OR s.acknowledged_at IS NULL)
       ORDER BY s.created_at DESC LIMIT 500`,
      [provinceScope(user), includeAcknowledged],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        applicationId: r.application_id,
        reference: r.reference,
        kind: r.kind,
        message: r.message,
        createdAt: r.created_at.toISOString(),
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      })),
    };
  }

  async acknowledge(user: AuthUser, alertId: string, ip: string): Promise<{ id: string }> {
    if (!/^[0-9a-f-]{36}$/i.test(alertId)) throw notFound('Alert');
    return this.db.transaction(async (tx) => {
      const [alert] = await tx.query<{ id: string; application_id: string }[]>(
        `SELECT s.id, s.application_id FROM staff_alerts s WHERE s.id = $1 AND ${inScope('s', '$2')} FOR UPDATE`,
        [alertId, provinceScope(user)],
      );
      if (!alert) throw notFound('Alert');
      await tx.query(
        `UPDATE staff_alerts SET acknowledged_at = COALESCE(acknowledged_at, now()) WHERE id = $1`,
        [alertId],
      );
      await this.audit.record(tx, {
        actor: { kind: 'staff', id: user.id, role: user.role, ip },
        action: 'ACKNOWLEDGE_ALERT',
        subjectType: 'application',
        subjectId: alert.application_id,
        applicationId: alert.application_id,
        data: { alertId },
      });
      return { id: alertId };
    });
  }

  /** A case whose checks kept failing goes back to CHECKING for a new run, once the cause is fixed. */
  async retryChecks(user: AuthUser, id: string, ip: string): Promise<{ id: string; status: string }> {
    return this.db.transaction(async (tx) => {
      const c = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES, tx);
      if (!c) throw notFound('Case');
      const moved = await this.actions.take(tx, {
        applicationId: id,
        action: 'RETRY_CHECKS',
        actor: personActor(user, ip),
        changes: { newCheckRun: true, attention: null },
        data: (app) => ({ checkRun: app.check_run }),
        jobs: (app) => [checkJob(app.id, app.check_run)],
      });
      if (!moved)
        throw new DomainError(
          'CONFLICT',
          `Case ${c.reference} is ${c.status}: only a case needing attention can be checked again.`,
        );
      return { id, status: moved.status };
    });
  }
}
