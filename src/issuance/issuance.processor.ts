import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BatchLoader } from '../common/batch-loader';
import { batchOrOneByOne, Settled, unwrap } from '../common/batch-or-one-by-one';
import { Environment } from '../config/environment';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { ISSUE_CARD, IssueJobData } from './issuance-jobs';
import { IssueLicenceService, IssueOutcome } from './issue-licence.service';

/**
 * Consumes the issuance queue. Jobs running at the same time are issued together, in one transaction
 * with set-based statements; if that batch fails, each is issued alone, so a job that fails fails by
 * itself (and is retried by BullMQ). A job that failed for good leaves the case visibly needing attention.
 */
@Injectable()
export class IssuanceProcessor implements OnApplicationBootstrap {
  private readonly batch: BatchLoader<string, Settled<IssueOutcome | undefined>>;

  constructor(
    private readonly workers: WorkerFactory,
    private readonly issuer: IssueLicenceService,
    env: Environment,
  ) {
    this.batch = new BatchLoader((ids) => batchOrOneByOne(ids, (some) => this.issuer.issueMany(some)), {
      maxBatch: Math.max(env.WORKER_CONCURRENCY, 1),
      waitMs: env.BATCH_WAIT_MS,
    });
  }

  onApplicationBootstrap(): void {
    this.workers.create<IssueJobData>(QUEUES.issuance, {
      handlers: { [ISSUE_CARD.name]: (job) => this.process(job) },
      onFinalFailure: (job, error) => this.issuer.markNeedsAttention(job.data.applicationId, error.message),
    });
  }

  async process(job: Job<IssueJobData>): Promise<IssueOutcome> {
    const outcome = unwrap(await this.batch.load(job.data.applicationId));
    if (!outcome) throw new Error(`no issuance outcome for ${job.data.applicationId}`);
    return outcome;
  }
}
