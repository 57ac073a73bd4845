import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { WorkerFactory } from '../queue/worker-factory';
import { Reconciler } from '../reconciler/reconciler.service';
import { requeue } from '../reconciler/requeue';
import { IssueJobData, issueJob } from './issuance-jobs';
import { IssueLicenceService } from './issue-licence.service';

/** Consumes the issuance queue; the reconciler re-queues approved cases whose job Redis lost. */
@Injectable()
export class IssuanceProcessor implements OnApplicationBootstrap, OnModuleInit {
  private readonly logger = new Logger(IssuanceProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workers: WorkerFactory,
    private readonly issuer: IssueLicenceService,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({
      name: 'issuance',
      run: async () => {
        const rows = await this.db.query<{ id: string }[]>(
          `SELECT id FROM applications WHERE status = 'APPROVED' ORDER BY id LIMIT 10000`,
        );
        return requeue(
          this.queues.get(QUEUES.issuance),
          rows.map((r) => issueJob(r.id)),
        );
      },
    });
  }

  onApplicationBootstrap(): void {
    const worker = this.workers.create<IssueJobData>(QUEUES.issuance, (job) => this.process(job));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.issuer
          .markNeedsAttention(job.data.applicationId, error.message)
          .catch((e: unknown) =>
            this.logger.error(
              { err: e, applicationId: job.data.applicationId },
              'Could not mark needs-attention',
            ),
          );
      }
    });
  }

  async process(job: Job<IssueJobData>) {
    return this.issuer.issue(job.data.applicationId);
  }
}
