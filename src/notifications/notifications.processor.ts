import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { BatchLoader } from '../common/batch-loader';
import { Environment } from '../config/environment';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { DELIVER_NOTICE, DeliveryJobData } from './notification-jobs';
import { NOTIFICATION_SENDER, NotificationSender } from './notification-sender';

type Delivery = { outcome: 'sent' | 'already-sent' } | { error: unknown };

/**
 * Delivers queued notices through the configured sender, once each (a delivered notice is not sent
 * again). Jobs running at the same time share one read and one write: every state change tells the
 * citizen, so notices are the most numerous jobs, and two statements each were a fifth of all the
 * statements an application costs. A notice whose sending fails fails its own job only.
 */
@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap {
  private readonly batch: BatchLoader<string, Delivery>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workers: WorkerFactory,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
    env: Environment,
  ) {
    this.batch = new BatchLoader((ids) => this.deliver(ids), {
      maxBatch: Math.max(env.WORKER_CONCURRENCY, 1),
      waitMs: 5,
    });
  }

  onApplicationBootstrap(): void {
    this.workers.create<DeliveryJobData>(QUEUES.notifications, {
      handlers: { [DELIVER_NOTICE.name]: (job) => this.process(job) },
    });
  }

  async process(job: Job<DeliveryJobData>): Promise<string> {
    const delivery = (await this.batch.load(job.data.notificationId))!;
    if ('error' in delivery) throw delivery.error;
    return delivery.outcome;
  }

  /** One batch: read the notices still queued, send each, mark the sent ones SENT in one statement. */
  private async deliver(ids: string[]): Promise<Map<string, Delivery>> {
    const notices = await this.db.query<
      { id: string; channel: 'EMAIL' | 'SMS'; recipient: string; subject: string | null; body: string }[]
    >(
      `SELECT id, channel, recipient, subject, body FROM notifications WHERE id = ANY($1::uuid[]) AND status = 'QUEUED'`,
      [ids],
    );
    const results = new Map<string, Delivery>(ids.map((id) => [id, { outcome: 'already-sent' }]));
    const settled = await Promise.allSettled(notices.map((notice) => this.sender.send(notice)));
    const sent = notices.filter((_, i) => settled[i].status === 'fulfilled').map((n) => n.id);
    settled.forEach((s, i) => {
      if (s.status === 'rejected') results.set(notices[i].id, { error: s.reason });
    });
    if (sent.length) {
      await this.db.query(
        `UPDATE notifications SET status = 'SENT', sent_at = now() WHERE id = ANY($1::uuid[]) AND status = 'QUEUED'`,
        [sent],
      );
      for (const id of sent) results.set(id, { outcome: 'sent' });
    }
    return results;
  }
}
