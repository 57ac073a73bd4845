import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { Reconciler } from '../reconciler/reconciler.service';
import { requeue } from '../reconciler/requeue';
import { Environment } from '../config/environment';
import { ChannelRouter } from './channel-router';
import { DeliveryStore } from './delivery/delivery-store';
import { NOTIFICATION_SENDER } from './notification-sender';
import { NotificationsProcessor } from './notifications.processor';

/**
 * Queued notices older than a minute, and notices left SENDING for a minute (a worker stopped while
 * sending), must have a delivery job; re-queue the ones Redis lost.
 */
@Injectable()
class NotificationsReconcileSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({
      name: 'notifications',
      run: async () => {
        const rows = await this.db.query<{ id: string }[]>(
          `(SELECT id, created_at FROM notifications WHERE status = 'QUEUED' AND created_at < now() - interval '1 minute')
           UNION ALL
           (SELECT id, created_at FROM notifications WHERE status = 'SENDING' AND sending_since < now() - interval '1 minute')
           ORDER BY created_at LIMIT 5000`,
        );
        return requeue(
          this.queues.get(QUEUES.notifications),
          rows.map((r) => ({
            queue: QUEUES.notifications,
            name: 'deliver',
            jobId: `notification.${r.id}`,
            data: { notificationId: r.id },
          })),
        );
      },
    });
  }
}

@Module({
  imports: [ReconcilerModule],
  providers: [
    NotificationsProcessor,
    NotificationsReconcileSource,
    DeliveryStore,
    {
      provide: NOTIFICATION_SENDER,
      inject: [Environment],
      useFactory: (env: Environment) => new ChannelRouter(env),
    },
  ],
})
export class NotificationsWorkerModule {}
