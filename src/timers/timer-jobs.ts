import type { OutboxJob } from '../outbox/outbox';
import { QUEUES } from '../queue/queue-names';
import { defineJob } from '../queue/job-catalogue';

export interface TimerJobData {
  applicationId: string;
}

export const EXPIRE_PAYMENT = defineJob(QUEUES.timers, 'expire-payment');
export const REVIEW_DEADLINE = defineJob(QUEUES.timers, 'review-deadline');

/** Fires when the payment deadline passes: one per application (the id is the application's). */
export function paymentExpiryJob(applicationId: string, delayMs: number): OutboxJob {
  return {
    queue: EXPIRE_PAYMENT.queue,
    name: EXPIRE_PAYMENT.name,
    jobId: `expire-payment.${applicationId}`,
    data: { applicationId } satisfies TimerJobData,
    delayMs,
  };
}

/** Fires when a review deadline passes: one per application and due time (a new due time, a new timer). */
export function reviewDeadlineJob(applicationId: string, dueAt: Date, now: Date): OutboxJob {
  return {
    queue: REVIEW_DEADLINE.queue,
    name: REVIEW_DEADLINE.name,
    jobId: `review-deadline.${applicationId}.${dueAt.getTime()}`,
    data: { applicationId } satisfies TimerJobData,
    delayMs: Math.max(0, dueAt.getTime() - now.getTime()),
  };
}
