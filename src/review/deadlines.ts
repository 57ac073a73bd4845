import { updateReturning } from '../database/update-returning';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { TimersProcessor } from '../timers/timers.processor';
import { REVIEW_DEADLINE } from '../timers/timer-jobs';
import { undecidedPastDeadline } from '../applications/due-applications.query';
import { raiseStaffAlert } from './staff-alerts';

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
      fire: (id) => this.markBreached(id),
      due: () => undecidedPastDeadline(this.db),
    });
  }

  async markBreached(applicationId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Marks the case breached, only while it waits for a decision; its state is changed by the write path alone.
      const rows = await updateReturning<{
        id: string;
        reference: string;
        province_code: string;
        due_at: Date;
      }>(
        tx,
        `UPDATE applications SET breached_at = now()
         WHERE id = $1 AND status IN ('PENDING_REVIEW') AND breached_at IS NULL AND due_at <= now()
         RETURNING id, reference, province_code, due_at`,
        [applicationId],
      );
      if (!rows.length) return false;
      const app = rows[0];
      await raiseStaffAlert(tx, {
        provinceCode: app.province_code,
        applicationId: app.id,
        kind: 'DEADLINE_BREACHED',
        message: `Case ${app.reference} was due on ${app.due_at.toISOString()} and is still undecided.`,
      });
      await this.audit.record(tx, {
        actor: SYSTEM_ACTOR,
        action: 'DEADLINE_BREACHED',
        subjectType: 'application',
        subjectId: app.id,
        applicationId: app.id,
        data: { dueAt: app.due_at.toISOString() },
      });
      return true;
    });
  }
}
