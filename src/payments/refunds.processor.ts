import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { RefundCallbackService } from './refund-callback.service';
import { REQUEST_REFUND, RefundJobData } from './refund-jobs';
import { RefundProvider, RefundToRequest } from './refund-provider';

/** Sends each requested refund to the provider; one that fails for good is raised to the supervisors. */
@Injectable()
export class RefundsProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workers: WorkerFactory,
    private readonly provider: RefundProvider,
    private readonly callbacks: RefundCallbackService,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.create<RefundJobData>(QUEUES.refunds, {
      handlers: { [REQUEST_REFUND.name]: (job) => this.process(job) },
      onFinalFailure: (job, error) => this.callbacks.giveUp(job.data.refundId, error.message),
    });
  }

  async process(job: Job<RefundJobData>): Promise<string> {
    const [refund] = await this.db.query<(RefundToRequest & { status: string })[]>(
      `SELECT id, payment_id AS "paymentId", amount, reason, status FROM payment_refunds WHERE id = $1`,
      [job.data.refundId],
    );
    if (!refund || refund.status !== 'REQUESTED') return 'settled';
    await this.provider.request(refund);
    return 'requested';
  }
}
