import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { Reconciler } from '../reconciler/reconciler.service';
import { requeue } from '../reconciler/requeue';
import { issueJob } from './issuance-jobs';

const PAGE = 1000;

/** Every approved application must have its issuance job in Redis; the ones Redis lost are queued again. */
@Injectable()
export class IssuanceReconcileSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({ name: 'issuance', run: () => this.run() });
  }

  async run(): Promise<number> {
    const queue = this.queues.get(QUEUES.issuance);
    let requeued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.db.query<{ id: string }[]>(
        `SELECT id FROM applications WHERE status = 'APPROVED' AND id > $1 ORDER BY id LIMIT $2`,
        [after, PAGE],
      );
      if (rows.length === 0) break;
      requeued += await requeue(
        queue,
        rows.map((r) => issueJob(r.id)),
      );
      after = rows[rows.length - 1].id;
    }
    return requeued;
  }
}
