import { EntityManager } from 'typeorm';
import { addToOutbox, OutboxJob } from '../outbox/outbox';
import { QUEUES } from '../queue/queue-names';

export interface CheckJobData {
  applicationId: string;
  checkRun: number;
}

/** One job per application and check run: its id says which, so the same run is never queued twice. */
export function checkJob(applicationId: string, checkRun: number): OutboxJob {
  return {
    queue: QUEUES.eligibility,
    name: 'check',
    jobId: `check.${applicationId}.${checkRun}`,
    data: { applicationId, checkRun } satisfies CheckJobData,
  };
}

export function scheduleChecks(tx: EntityManager, applicationId: string, checkRun: number): Promise<void> {
  return addToOutbox(tx, [checkJob(applicationId, checkRun)]);
}
