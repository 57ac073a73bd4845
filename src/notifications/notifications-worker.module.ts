import { Module } from '@nestjs/common';
import { Environment } from '../config/environment';
import { ChannelRouter } from './channel-router';
import { DeliveryStore } from './delivery/delivery-store';
import { NOTIFICATION_SENDER } from './notification-sender';
import { NotificationsProcessor } from './notifications.processor';

/**
 * The worker role's delivery of notices. No queue and no reconcile source: the notifications table is
 * the queue (see NotificationsProcessor), so there is nothing in Redis to lose or to re-create.
 */
@Module({
  providers: [
    NotificationsProcessor,
    DeliveryStore,
    {
      provide: NOTIFICATION_SENDER,
      inject: [Environment],
      useFactory: (env: Environment) => new ChannelRouter(env),
    },
  ],
})
export class NotificationsWorkerModule {}
