import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { ISSUE_CARD, IssueJobData } from './issuance-jobs';
import { IssueLicenceService } from './issue-licence.service';

/** Consumes the issuance queue; a job that failed for good leaves the case visibly needing attention. */
@Injectable()
export class IssuanceProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly workers: WorkerFactory,
    private readonly issuer: IssueLicenceService,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.create<IssueJobData>(QUEUES.issuance, {
      handlers: { [ISSUE_CARD.name]: (job) => this.process(job) },
      onFinalFailure: (job, error) => this.issuer.markNeedsAttention(job.data.applicationId, error.message),
    });
  }

  async process(job: Job<IssueJobData>) {
    return this.issuer.issue(job.data.applicationId);
  }
}
