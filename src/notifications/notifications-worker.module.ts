import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { Reconciler } from '../reconciler/reconciler.service';
import { requeue } from '../reconciler/requeue';
import { NOTIFICATION_SENDER, RecordingNotificationSender } from './notification-sender';
import { NotificationsProcessor } from './notifications.processor';

/** Queued notices older than a minute must have a delivery job; re-queue the ones Redis lost. */
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
          `SELECT id FROM notifications WHERE status = 'QUEUED' AND created_at < now() - interval '1 minute' ORDER BY created_at LIMIT 5000`,
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
    { provide: NOTIFICATION_SENDER, useClass: RecordingNotificationSender },
  ],
})
export class NotificationsWorkerModule {}
