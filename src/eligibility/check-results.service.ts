import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { addWorkingDays } from '../common/working-days';
import { ApplicationActions } from '../workflow/application-actions';
import { STATE_DEADLINES } from '../workflow/application-workflow';
import { raiseStaffAlert } from '../review/staff-alerts';
import { reviewDeadlineJob } from '../timers/timer-jobs';
import { checksRider } from './check-results-store';
import type { RuleResult } from './eligibility-input';
import type { CheckSubject } from './eligibility-loader';
import { needsLicenceVerification, OverallOutcome } from './evaluate-eligibility';

/** Runs after a check's results are stored, in the same transaction (e.g. straight-through approval). */
export type AfterChecksHook = (
  tx: EntityManager,
  subject: CheckSubject,
  outcome: OverallOutcome,
  results: RuleResult[],
) => Promise<void>;

/**
 * Stores one check run's results and moves the case on, in one transaction (the results ride with the
 * step's audit entry). The move is a conditional
 * UPDATE on (status CHECKING, this check run): a job that runs twice, or a stale one, finds nothing to
 * move and stores nothing — so every run has exactly one result set.
 */
@Injectable()
export class CheckResultsService {
  private readonly hooks: AfterChecksHook[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly actions: ApplicationActions,
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
      // A licence missing from the register waits for the issuing office's answer, with its own deadline.
      const verify = eligible && needsLicenceVerification(results);
      const waitsIn = verify ? 'AWAITING_VERIFICATION' : 'PENDING_REVIEW';
      const dueAt = eligible ? addWorkingDays(now, STATE_DEADLINES[waitsIn]!.workingDays) : null;
      const failed = results.filter((r) => r.outcome === 'FAIL');
      const flagged = results.filter((r) => r.outcome === 'FLAG');
      const reason = failed.map((r) => [r.detail, r.action].filter(Boolean).join(' ')).join(' ') || null;
      const app = await this.actions.take(tx, {
        applicationId: subject.applicationId,
        action: !eligible ? 'CHECKS_FAILED' : verify ? 'CHECKS_NEED_VERIFICATION' : 'CHECKS_PASSED',
        actor: SYSTEM_ACTOR,
        guard: { checkRun: subject.checkRun },
        changes: { outcome, checkedAt: now, dueAt, ...(eligible ? {} : { decidedAt: now }) },
        reason,
        data: {
          outcome,
          checkRun: subject.checkRun,
          failed: failed.map((r) => r.rule),
          flagged: flagged.map((r) => r.rule),
        },
        notice: {
          template: !eligible ? 'REJECTED' : verify ? 'VERIFYING_LICENCE' : 'IN_REVIEW',
          params: { dueBy: dueAt?.toISOString() ?? '', failedRules: failed.map((r) => r.rule) },
        },
        // The review deadline's timer (a no-op if the case is decided first, e.g. straight through).
        jobs: (moved) => (dueAt && !verify ? [reviewDeadlineJob(moved.id, dueAt, new Date())] : []),
        // The run's results, stored by the statement of the step's audit entry: only when the case moved.
        rider: checksRider(subject.applicationId, subject.checkRun, results),
      });
      if (!app) return false;
      for (const hook of this.hooks) await hook(tx, subject, outcome, results);
      return true;
    });
  }

  /** After the last retry: the case waits, visibly, for a person — never silently stuck. */
  async markNeedsAttention(applicationId: string, checkRun: number, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const app = await this.actions.take(tx, {
        applicationId,
        action: 'CHECKS_ERRORED',
        actor: SYSTEM_ACTOR,
        guard: { checkRun },
        changes: { attention: { error, checkRun, at: new Date().toISOString() } },
        reason: error,
        data: { checkRun },
      });
      if (!app) return;
      await raiseStaffAlert(tx, {
        provinceCode: app.province_code,
        applicationId: app.id,
        kind: 'NEEDS_ATTENTION',
        message: `The checks of ${app.reference} failed after every retry: ${error}`,
      });
    });
  }
}
