import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { transitionApplication } from '../applications/application-transitions';
import { AuditLog } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { addWorkingDays } from '../common/working-days';
import { Notifier } from '../notifications/notifier';
import { STATE_DEADLINES } from '../workflow/application-workflow';
import type { RuleResult } from './eligibility-input';
import type { CheckSubject } from './eligibility-loader';
import type { OverallOutcome } from './evaluate-eligibility';

/** Runs after a check's results are stored, in the same transaction (e.g. straight-through approval). */
export type AfterChecksHook = (
  tx: EntityManager,
  subject: CheckSubject,
  outcome: OverallOutcome,
  results: RuleResult[],
) => Promise<void>;

/**
 * Stores one check run's results and moves the case on, in one transaction. The move is a conditional
 * UPDATE on (status CHECKING, this check run): a job that runs twice, or a stale one, finds nothing to
 * move and stores nothing — so every run has exactly one result set.
 */
@Injectable()
export class CheckResultsService {
  private readonly hooks: AfterChecksHook[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  /** Later stages plug in here instead of this service knowing about them. */
  afterChecks(hook: AfterChecksHook): void {
    this.hooks.push(hook);
  }

  async record(
    subject: CheckSubject,
    results: RuleResult[],
    outcome: OverallOutcome,
    now: Date,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const eligible = outcome !== 'INELIGIBLE';
      const dueAt = eligible ? addWorkingDays(now, STATE_DEADLINES.PENDING_REVIEW!.workingDays) : null;
      const app = await transitionApplication(tx, {
        id: subject.applicationId,
        action: eligible ? 'CHECKS_PASSED' : 'CHECKS_FAILED',
        set: { outcome, checked_at: now, due_at: dueAt, ...(eligible ? {} : { decided_at: now }) },
        extraWhere: `a.check_run = ${Number(subject.checkRun)}`,
      });
      if (!app) return false;
      await this.insertResults(tx, subject, results);
      const failed = results.filter((r) => r.outcome === 'FAIL');
      const flagged = results.filter((r) => r.outcome === 'FLAG');
      const reason = failed.map((r) => [r.detail, r.action].filter(Boolean).join(' ')).join(' ') || null;
      await this.audit.record(tx, {
        actor: SYSTEM_ACTOR,
        action: eligible ? 'CHECKS_PASSED' : 'CHECKS_FAILED',
        subjectType: 'application',
        subjectId: app.id,
        applicationId: app.id,
        fromState: app.from_status,
        toState: app.status,
        reason,
        data: {
          outcome,
          checkRun: subject.checkRun,
          failed: failed.map((r) => r.rule),
          flagged: flagged.map((r) => r.rule),
        },
      });
      await this.notifier.notify(tx, {
        citizenId: subject.citizenId,
        applicationId: app.id,
        template: eligible ? 'IN_REVIEW' : 'REJECTED',
        params: {
          reference: app.reference,
          dueBy: dueAt?.toISOString() ?? '',
          failedRules: failed.map((r) => r.rule),
        },
        dedupeKey: `${app.id}:CHECKED:${subject.checkRun}`,
      });
      for (const hook of this.hooks) await hook(tx, subject, outcome, results);
      return true;
    });
  }

  private async insertResults(
    tx: EntityManager,
    subject: CheckSubject,
    results: RuleResult[],
  ): Promise<void> {
    const values: unknown[] = [subject.applicationId, subject.checkRun];
    const rows = results.map((r) => {
      const b = values.length;
      const texts = r.text ? JSON.stringify({ detail: r.text, action: r.actionText ?? [] }) : null;
      values.push(r.rule, r.outcome, r.detail, r.action ?? null, JSON.stringify(r.evidence), texts);
      return `($1, $2, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb, $${b + 6}::jsonb)`;
    });
    await tx.query(
      `INSERT INTO application_checks (application_id, check_run, rule, outcome, detail, action, evidence, texts)
       VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`,
      values,
    );
  }

  /** After the last retry: the case waits, visibly, for a person — never silently stuck. */
  async markNeedsAttention(applicationId: string, checkRun: number, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const app = await transitionApplication(tx, {
        id: applicationId,
        action: 'CHECKS_ERRORED',
        set: { attention: JSON.stringify({ error, checkRun, at: new Date().toISOString() }) },
        extraWhere: `a.check_run = ${Number(checkRun)}`,
      });
      if (!app) return;
      await tx.query(
        `INSERT INTO staff_alerts (province_code, application_id, kind, message) VALUES ($1, $2, 'NEEDS_ATTENTION', $3)
         ON CONFLICT (application_id, kind) DO UPDATE SET message = EXCLUDED.message, created_at = now(), acknowledged_at = NULL`,
        [app.province_code, app.id, `The checks of ${app.reference} failed after every retry: ${error}`],
      );
      await this.audit.record(tx, {
        actor: SYSTEM_ACTOR,
        action: 'CHECKS_ERRORED',
        subjectType: 'application',
        subjectId: app.id,
        applicationId: app.id,
        fromState: app.from_status,
        toState: app.status,
        reason: error,
        data: { checkRun },
      });
    });
  }
}
