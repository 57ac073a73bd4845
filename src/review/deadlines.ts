import { updateReturning } from '../database/update-returning';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { TimersProcessor } from '../timers/timers.processor';
import { REVIEW_DEADLINE } from '../timers/timer-jobs';
import { undecidedPastDeadline } from '../applications/due-applications.query';
import { raiseStaffAlerts } from './staff-alerts';

/**
 * Review deadlines: when a case enters review (CHECKS_PASSED) a delayed job is set for its due time; when it fires and
 * the case is still undecided, the case is marked breached and its province's supervisors are alerted.
 * The reconciler does the same for any overdue case whose timer Redis lost.
 */
@Injectable()
export class ReviewDeadlines implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timers: TimersProcessor,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    this.timers.register({
      job: REVIEW_DEADLINE,
      fire: (ids) => this.markBreached(ids),
      due: () => undecidedPastDeadline(this.db),
    });
  }

  /** Marks every case among these that is still undecided past its deadline; answers the ids marked. */
  async markBreached(applicationIds: string[]): Promise<Set<string>> {
    return this.db.transaction(async (tx) => {
      // Marks the cases breached, only while they wait for a decision; their state is changed by the write path alone.
      const apps = await updateReturning<{
        id: string;
        reference: string;
        province_code: string;
        due_at: Date;
      }>(
        tx,
        `UPDATE applications SET breached_at = now()
         WHERE id = ANY($1::uuid[]) AND status IN ('PENDING_REVIEW') AND breached_at IS NULL AND due_at <= now()
         RETURNING id, reference, province_code, due_at`,
        [applicationIds],
      );
      await raiseStaffAlerts(
        tx,
        apps.map((app) => ({
          provinceCode: app.province_code,
          applicationId: app.id,
          kind: 'DEADLINE_BREACHED',
          message: `Case ${app.reference} was due on ${app.due_at.toISOString()} and is still undecided.`,
        })),
      );
      await this.audit.record(
        tx,
        ...apps.map((app) => ({
          actor: SYSTEM_ACTOR,
          action: 'DEADLINE_BREACHED',
          subjectType: 'application',
          subjectId: app.id,
          applicationId: app.id,
          data: { dueAt: app.due_at.toISOString() },
        })),
      );
      return new Set(apps.map((app) => app.id));
    });
  }
}
