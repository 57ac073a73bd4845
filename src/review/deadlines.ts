import { updateReturning } from '../database/update-returning';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { CheckResultsService } from '../eligibility/check-results.service';
import { addToOutbox } from '../outbox/outbox';
import { QUEUES } from '../queue/queue-names';
import { Reconciler } from '../reconciler/reconciler.service';
import { TimersProcessor } from '../timers/timers.processor';

/**
 * Review deadlines: when a case enters review a delayed job is set for its due time; when it fires and
 * the case is still undecided, the case is marked breached and its province's supervisors are alerted.
 * The reconciler does the same for any overdue case whose timer Redis lost.
 */
@Injectable()
export class ReviewDeadlines implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checks: CheckResultsService,
    private readonly timers: TimersProcessor,
    private readonly reconciler: Reconciler,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    this.checks.afterChecks((tx, subject, outcome) =>
      outcome === 'INELIGIBLE' ? Promise.resolve() : this.scheduleReminder(tx, subject.applicationId),
    );
    this.timers.register('review-deadline', (data) => this.markBreached(String(data.applicationId)));
    this.reconciler.register({
      name: 'review-deadlines',
      run: async () => {
        const rows = await this.db.query<{ id: string }[]>(
          `SELECT id FROM applications WHERE status = 'PENDING_REVIEW' AND breached_at IS NULL AND due_at <= now() LIMIT 5000`,
        );
        let marked = 0;
        for (const row of rows) if (await this.markBreached(row.id)) marked++;
        return marked;
      },
    });
  }

  private async scheduleReminder(tx: EntityManager, applicationId: string): Promise<void> {
    const [row] = await tx.query<{ status: string; due_at: Date | null }[]>(
      `SELECT status, due_at FROM applications WHERE id = $1`,
      [applicationId],
    );
    if (row?.status !== 'PENDING_REVIEW' || !row.due_at) return;
    await addToOutbox(tx, [
      {
        queue: QUEUES.timers,
        name: 'review-deadline',
        jobId: `review-deadline.${applicationId}.${row.due_at.getTime()}`,
        data: { applicationId },
        delayMs: Math.max(0, row.due_at.getTime() - Date.now()),
      },
    ]);
  }

  async markBreached(applicationId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await updateReturning<{
        id: string;
        reference: string;
        province_code: string;
        due_at: Date;
      }>(
        tx,
        `UPDATE applications SET breached_at = now()
         WHERE id = $1 AND status = 'PENDING_REVIEW' AND breached_at IS NULL AND due_at <= now()
         RETURNING id, reference, province_code, due_at`,
        [applicationId],
      );
      if (!rows.length) return false;
      const app = rows[0];
      await tx.query(
        `INSERT INTO staff_alerts (province_code, application_id, kind, message) VALUES ($1, $2, 'DEADLINE_BREACHED', $3)
         ON CONFLICT DO NOTHING`,
        [
          app.province_code,
          app.id,
          `Case ${app.reference} was due on ${app.due_at.toISOString()} and is still undecided.`,
        ],
      );
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
