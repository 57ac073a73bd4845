import { Module } from '@nestjs/common';
import { Environment } from '../config/environment';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { ChannelRouter } from './channel-router';
import { DeliveryStore } from './delivery/delivery-store';
import { NOTIFICATION_SENDER } from './notification-sender';
import { NotificationsReconcileSource } from './notifications-reconcile.source';
import { NotificationsProcessor } from './notifications.processor';

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
