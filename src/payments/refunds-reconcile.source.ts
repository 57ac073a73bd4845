import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { Reconciler } from '../reconciler/reconciler.service';
import { requeue } from '../reconciler/requeue';
import { refundJob } from './refund-jobs';

const BATCH = 5000;

/** Every refund still requested after a minute must have its job in Redis; the ones Redis lost go back. */
@Injectable()
export class RefundsReconcileSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({ name: 'refunds', run: () => this.run() });
  }

  async run(): Promise<number> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM payment_refunds WHERE status = 'REQUESTED' AND requested_at < now() - interval '1 minute'
       ORDER BY requested_at LIMIT $1`,
      [BATCH],
    );
    return requeue(
      this.queues.get(QUEUES.refunds),
      rows.map((r) => refundJob(r.id)),
    );
  }
}
