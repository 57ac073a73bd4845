import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { CheckResultsService } from '../eligibility/check-results.service';
import type { CheckSubject } from '../eligibility/eligibility-loader';
import type { OverallOutcome } from '../eligibility/evaluate-eligibility';
import { issueJob } from '../issuance/issuance-jobs';
import { ApplicationActions } from '../workflow/application-actions';

/**
 * Straight-through processing: where a province's policy allows it, a renewal that passed every check
 * with no flag is approved by the system in the same transaction as its check results, recorded as a
 * decision with the policy that allowed it. Off by default; never for flags or other types.
 */
@Injectable()
export class StraightThroughApproval implements OnModuleInit {
  constructor(
    private readonly checks: CheckResultsService,
    private readonly actions: ApplicationActions,
  ) {}

  onModuleInit(): void {
    this.checks.afterChecks((tx, subject, outcome) => this.consider(tx, subject, outcome));
  }

  async consider(tx: EntityManager, subject: CheckSubject, outcome: OverallOutcome): Promise<void> {
    if (outcome !== 'ELIGIBLE' || subject.input.applicationType !== 'RENEWAL') return;
    const [policy] = await tx.query<
      { auto_approve_clean_renewals: boolean; updated_by: string | null; updated_at: Date }[]
    >(
      `SELECT auto_approve_clean_renewals, updated_by, updated_at FROM province_policies WHERE province_code = $1`,
      [subject.provinceCode],
    );
    if (!policy?.auto_approve_clean_renewals) return;
    await this.actions.take(tx, {
      applicationId: subject.applicationId,
      action: 'AUTO_APPROVE',
      actor: SYSTEM_ACTOR,
      changes: { decidedAt: 'now', decidedBy: 'system' },
      reason: `clean renewal approved under the straight-through policy of province ${subject.provinceCode}`,
      data: {
        policy: {
          provinceCode: subject.provinceCode,
          autoApproveCleanRenewals: true,
          setBy: policy.updated_by,
          setAt: policy.updated_at.toISOString(),
        },
      },
      notice: { template: 'APPROVED' },
      jobs: (app) => [issueJob(app.id)],
    });
  }
}
