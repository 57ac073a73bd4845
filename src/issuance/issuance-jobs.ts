import { EntityManager } from 'typeorm';
import { addToOutbox, OutboxJob } from '../outbox/outbox';
import { QUEUES } from '../queue/queue-names';

export interface IssueJobData {
  applicationId: string;
}

/** One issuance job per application, ever: the id is the application's. */
export function issueJob(applicationId: string): OutboxJob {
  return {
    queue: QUEUES.issuance,
    name: 'issue',
    jobId: `issue.${applicationId}`,
    data: { applicationId } satisfies IssueJobData,
  };
}

export function scheduleIssuance(tx: EntityManager, applicationId: string): Promise<void> {
  return addToOutbox(tx, [issueJob(applicationId)]);
}
