import type { OutboxJob } from '../outbox/outbox';
import { defineJob } from '../queue/job-catalogue';
import { QUEUES } from '../queue/queue-names';

export interface DeliveryJobData {
  notificationId: string;
}

export const DELIVER_NOTICE = defineJob(QUEUES.notifications, 'deliver');

/** The id of a notice's delivery job: the notice's own, so it is delivered by one job however often queued. */
export const DELIVERY_JOB_ID_PREFIX = 'notification.';

export function deliveryJob(notificationId: string): OutboxJob {
  return {
    queue: DELIVER_NOTICE.queue,
    name: DELIVER_NOTICE.name,
    jobId: `${DELIVERY_JOB_ID_PREFIX}${notificationId}`,
    data: { notificationId } satisfies DeliveryJobData,
  };
}
