import type { OutboxJob } from '../outbox/outbox';
import { defineJob } from '../queue/job-catalogue';
import { QUEUES } from '../queue/queue-names';

export interface CheckJobData {
  applicationId: string;
  checkRun: number;
}

export const RUN_CHECKS = defineJob(QUEUES.eligibility, 'check');

/** One job per application and check run: its id says which, so the same run is never queued twice. */
export function checkJob(applicationId: string, checkRun: number): OutboxJob {
  return {
    queue: RUN_CHECKS.queue,
    name: RUN_CHECKS.name,
    jobId: `check.${applicationId}.${checkRun}`,
    data: { applicationId, checkRun } satisfies CheckJobData,
  };
}
