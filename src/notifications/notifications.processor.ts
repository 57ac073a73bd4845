import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { NOTIFICATION_SENDER, NotificationSender } from './notification-sender';

/** Delivers queued notices through the configured sender, once each (a delivered notice is not sent again). */
@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workers: WorkerFactory,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.create<{ notificationId: string }>(QUEUES.notifications, (job) => this.process(job));
  }

  async process(job: Job<{ notificationId: string }>): Promise<string> {
    const [notice] = await this.db.query<
      { id: string; channel: 'EMAIL' | 'SMS'; recipient: string; subject: string | null; body: string }[]
    >(`SELECT id, channel, recipient, subject, body FROM notifications WHERE id = $1 AND status = 'QUEUED'`, [
      job.data.notificationId,
    ]);
    if (!notice) return 'already-sent';
    await this.sender.send(notice);
    await this.db.query(
      `UPDATE notifications SET status = 'SENT', sent_at = now() WHERE id = $1 AND status = 'QUEUED'`,
      [notice.id],
    );
    return 'sent';
  }
}
