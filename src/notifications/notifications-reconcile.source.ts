import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { Reconciler } from '../reconciler/reconciler.service';
import { requeue } from '../reconciler/requeue';
import { deliveryJob } from './notification-jobs';

const BATCH = 5000;

/**
 * Queued notices older than a minute, and notices left SENDING for a minute (a worker stopped while
 * sending), must have a delivery job; re-queue the ones Redis lost.
 */
@Injectable()
export class NotificationsReconcileSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({ name: 'notifications', run: () => this.run() });
  }

  async run(): Promise<number> {
    const rows = await this.db.query<{ id: string }[]>(
      `(SELECT id, created_at FROM notifications WHERE status = 'QUEUED' AND created_at < now() - interval '1 minute')
       UNION ALL
       (SELECT id, created_at FROM notifications WHERE status = 'SENDING' AND sending_since < now() - interval '1 minute')
       ORDER BY created_at LIMIT $1`,
      [BATCH],
    );
    return requeue(
      this.queues.get(QUEUES.notifications),
      rows.map((r) => deliveryJob(r.id)),
    );
  }
}
