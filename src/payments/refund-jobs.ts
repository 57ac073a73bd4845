import type { OutboxJob } from '../outbox/outbox';
import { defineJob } from '../queue/job-catalogue';
import { QUEUES } from '../queue/queue-names';

export interface RefundJobData {
  refundId: string;
}

export const REQUEST_REFUND = defineJob(QUEUES.refunds, 'request-refund');

/** One job per refund: the refund's id is also the idempotency key the provider is sent. */
export function refundJob(refundId: string): OutboxJob {
  return {
    queue: REQUEST_REFUND.queue,
    name: REQUEST_REFUND.name,
    jobId: `refund.${refundId}`,
    data: { refundId } satisfies RefundJobData,
  };
}
