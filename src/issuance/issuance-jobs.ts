import type { OutboxJob } from '../outbox/outbox';
import { defineJob } from '../queue/job-catalogue';
import { QUEUES } from '../queue/queue-names';

export interface IssueJobData {
  applicationId: string;
}

export const ISSUE_CARD = defineJob(QUEUES.issuance, 'issue');

/** One issuance job per application, ever: the id is the application's. */
export function issueJob(applicationId: string): OutboxJob {
  return {
    queue: ISSUE_CARD.queue,
    name: ISSUE_CARD.name,
    jobId: `issue.${applicationId}`,
    data: { applicationId } satisfies IssueJobData,
  };
}
