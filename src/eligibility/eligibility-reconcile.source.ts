import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { Reconciler } from '../reconciler/reconciler.service';
import { requeue } from '../reconciler/requeue';
import { checkJob } from './check-jobs';
import { CheckResultsService } from './check-results.service';

const PAGE = 1000;

/**
 * Every application in CHECKING must have its check job in Redis. Missing ones are queued again; ones
 * whose job failed for good are moved to NEEDS_ATTENTION (if the worker's own handler could not).
 */
@Injectable()
export class EligibilityReconcileSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
    private readonly results: CheckResultsService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({ name: 'eligibility', run: () => this.run() });
  }

  async run(): Promise<number> {
    const queue = this.queues.get(QUEUES.eligibility);
    let requeued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.db.query<{ id: string; check_run: number }[]>(
        `SELECT id, check_run FROM applications WHERE status = 'CHECKING' AND id > $1 ORDER BY id LIMIT $2`,
        [after, PAGE],
      );
      if (rows.length === 0) break;
      requeued += await requeue(
        queue,
        rows.map((r) => checkJob(r.id, r.check_run)),
      );
      after = rows[rows.length - 1].id;
    }
    for (const job of await queue.getFailed(0, 999)) {
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
        const data = job.data as { applicationId: string; checkRun: number };
        await this.results.markNeedsAttention(
          data.applicationId,
          data.checkRun,
          job.failedReason ?? 'failed',
        );
      }
    }
    return requeued;
  }
}
