import type { Queue } from 'bullmq';
import type { OutboxJob } from '../../outbox/outbox';
import { defineJob } from '../../queue/job-catalogue';
import { QUEUES } from '../../queue/queue-names';

/** The daily comparison of our payments with the gateway's records, on the payments queue. */
export const RECONCILE_PAYMENTS = defineJob(QUEUES.payments, 'reconcile-payments').name;

export interface PaymentReconciliationJobData {
  /** The Vietnam calendar day whose payments are compared; absent: yesterday, when the job runs. */
  day?: string;
}

/** One run per day: its id names the day, so the same day is never queued twice at once. */
export function paymentReconciliationJob(day: string): OutboxJob {
  return {
    queue: QUEUES.payments,
    name: RECONCILE_PAYMENTS,
    jobId: `${RECONCILE_PAYMENTS}.${day}`,
    data: { day } satisfies PaymentReconciliationJobData,
  };
}

/** Every day at 02:00 in Vietnam, after the gateway's day has closed, for the day before. */
export const PAYMENT_RECONCILIATION_SCHEDULE = { pattern: '0 2 * * *', tz: 'Asia/Ho_Chi_Minh' } as const;

/** Creates or updates the repeatable job; safe to call from every worker at every start. */
export function schedulePaymentReconciliation(payments: Queue): Promise<unknown> {
  return payments.upsertJobScheduler(RECONCILE_PAYMENTS, PAYMENT_RECONCILIATION_SCHEDULE, {
    name: RECONCILE_PAYMENTS,
    data: {} satisfies PaymentReconciliationJobData,
  });
}
