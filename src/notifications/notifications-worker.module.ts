import { Module } from '@nestjs/common';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { NOTIFICATION_SENDER, RecordingNotificationSender } from './notification-sender';
import { NotificationsReconcileSource } from './notifications-reconcile.source';
import { NotificationsProcessor } from './notifications.processor';

@Module({
  imports: [ReconcilerModule],
  providers: [
    NotificationsProcessor,
    NotificationsReconcileSource,
    { provide: NOTIFICATION_SENDER, useClass: RecordingNotificationSender },
  ],
})
export class NotificationsWorkerModule {}
