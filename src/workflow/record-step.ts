import { EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-entry';
import type { NotificationParams, NotificationTemplate } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier';
import type { OutboxJob } from '../outbox/outbox';
import { ridersTogether, StatementRider } from '../database/statement-rider';

/** What follows a step of the workflow, in its transaction: the audit entry, the notice, the jobs. */
export interface StepRecord {
  audit: AuditEntry;
  citizenId: string;
  applicationId: string;
  reference: string;
  notice?: { template: NotificationTemplate; params?: NotificationParams } | null;
  /** One notice per step however often it is retried: the step's own key. */
  noticeKey: string;
  jobs?: OutboxJob[];
}

/**
 * Many steps at once, in one statement: their audit entries, carrying their notices and jobs and any
 * other writes of the steps (`rider`) (a second statement only when another process moved an audit
 * chain since its head was read: audit-log.ts).
 */
export async function recordSteps(
  tx: EntityManager,
  notifier: Notifier,
  steps: StepRecord[],
  rider: StatementRider | null = null,
): Promise<void> {
  const noticesAndJobs = notifier.rider(
    steps.flatMap((step) =>
      step.notice
        ? [
            {
              citizenId: step.citizenId,
              applicationId: step.applicationId,
              template: step.notice.template,
              params: { reference: step.reference, ...step.notice.params },
              dedupeKey: step.noticeKey,
            },
          ]
        : [],
    ),
    steps.flatMap((s) => s.jobs ?? []),
  );
  await appendAudit(
    tx,
    steps.map((s) => s.audit),
    ridersTogether(noticesAndJobs, rider),
  );
}
