import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WORKFLOW, WorkflowAction } from '../workflow/application-workflow';

export interface TimelineEntry {
  at: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  by: string;
  detail: string | null;
}

/** Actions a citizen sees on their timeline: the visible workflow steps and a few events of their own. */
const CITIZEN_VISIBLE = new Set<string>([
  ...Object.entries(WORKFLOW)
    .filter(([, rule]) => (rule as WorkflowAction).citizenVisible)
    .map(([name]) => name),
  'PAYMENT_FAILED',
  'PAYMENT_RETRY',
  'REFUND_DUE',
  'SHIPMENT_EVENT',
  'CHECKS_PASSED',
  'CHECKS_FAILED',
]);

const BY: Record<string, string> = {
  citizen: 'you',
  staff: 'the licensing office',
  system: 'the service',
  provider: 'the payment provider',
  partner: 'the post',
};

/** The citizen's view of a case's history, read from the audit log (never staff names or addresses). */
@Injectable()
export class ApplicationTimeline {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forApplication(applicationId: string): Promise<TimelineEntry[]> {
    const rows = await this.db.query<
      {
        occurred_at: Date;
        action: string;
        from_state: string | null;
        to_state: string | null;
        actor_kind: string;
        reason: string | null;
        data: Record<string, unknown>;
      }[]
    >(
      `SELECT occurred_at, action, from_state, to_state, actor_kind, reason, data FROM audit_log
       WHERE application_id = $1 AND action = ANY($2::text[]) ORDER BY id`,
      [applicationId, [...CITIZEN_VISIBLE]],
    );
    return rows.map((r) => ({
      at: r.occurred_at.toISOString(),
      action: r.action,
      fromState: r.from_state,
      toState: r.to_state,
      by: BY[r.actor_kind] ?? r.actor_kind,
      detail: r.reason ?? (typeof r.data.citizenDetail === 'string' ? r.data.citizenDetail : null),
    }));
  }
}
