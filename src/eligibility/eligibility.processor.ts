import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BatchLoader } from '../common/batch-loader';
import { Clock } from '../common/clock';
import { Environment } from '../config/environment';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { CheckJobData, RUN_CHECKS } from './check-jobs';
import { CheckResultsService } from './check-results.service';
import { CheckSubject, EligibilityLoader } from './eligibility-loader';
import { evaluateEligibility, overallOutcome } from './evaluate-eligibility';

/**
 * Consumes the eligibility queue. Jobs running at the same time share one batch load (a few set-based
 * queries for all of them), then each is evaluated by the pure rules and recorded in its own
 * transaction. A job whose case moved on (or another run) is a no-op.
 */
@Injectable()
export class EligibilityProcessor implements OnApplicationBootstrap {
  private readonly batch: BatchLoader<string, CheckSubject>;

  constructor(
    private readonly workers: WorkerFactory,
    private readonly loader: EligibilityLoader,
    private readonly results: CheckResultsService,
    private readonly clock: Clock,
    env: Environment,
  ) {
    this.batch = new BatchLoader((ids) => this.loader.load(ids), {
      maxBatch: Math.max(env.WORKER_CONCURRENCY, 1),
      waitMs: env.BATCH_WAIT_MS,
    });
  }

  onApplicationBootstrap(): void {
    this.workers.create<CheckJobData>(QUEUES.eligibility, {
      handlers: { [RUN_CHECKS.name]: (job) => this.process(job) },
      onFinalFailure: (job, error) =>
        this.results.markNeedsAttention(job.data.applicationId, job.data.checkRun, error.message),
    });
  }

  async process(job: Job<CheckJobData>): Promise<string> {
    const { applicationId, checkRun } = job.data;
    const subject = await this.batch.load(applicationId);
    if (!subject || subject.status !== 'CHECKING' || subject.checkRun !== checkRun) return 'stale';
    const now = this.clock.now();
    const results = evaluateEligibility({ ...subject.input, today: this.clock.today() });
    const recorded = await this.results.record(subject, results, overallOutcome(results), now);
    return recorded ? overallOutcome(results) : 'already-recorded';
  }
}
