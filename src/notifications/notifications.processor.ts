import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BatchLoader } from '../common/batch-loader';
import { Environment } from '../config/environment';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { ClaimedNotice, DeliveryRecord, DeliveryStore } from './delivery/delivery-store';
import { DELIVER_NOTICE, DeliveryJobData } from './notification-jobs';
import { NOTIFICATION_SENDER, NotificationSender, SendResult } from './notification-sender';

type Delivery =
  { outcome: 'sent' | 'already-done' | 'rejected' | 'unconfirmed' } | { outcome: 'retry'; error: Error };

/** Why an interrupted e-mail is not sent again (status FAILED, shown to staff on the case). */
export const UNCONFIRMED_REASON =
  'Sending was interrupted (the worker stopped before the mail server’s answer was recorded): the e-mail may have arrived. It is not sent again, so that the citizen never gets it twice.';

/**
 * Delivers queued notices through the configured channels. Jobs running at the same time share one
 * batch: one statement marks their notices SENDING (the attempt counted) before anything leaves, the
 * sends run in parallel (the SMTP pool and the gateway's concurrency limit bound them), and one statement
 * records every answer.
 *
 * - Accepted: SENT. Refused for good (an SMTP 5xx, a gateway 4xx, a number that is not a mobile): FAILED
 *   with the reason, shown to staff; the job completes, there is nothing to try again.
 * - A passing failure (a 4xx from SMTP, a 5xx or time-out from the gateway, no connection): back to
 *   QUEUED and the job fails, so BullMQ tries again with exponential back-off; after the last attempt the
 *   notice is FAILED (GAVE_UP) with the last error.
 * - Interrupted: a notice still SENDING when a job starts was handed over by a worker that stopped
 *   before recording the answer (BullMQ re-runs the stalled job). The channel decides: the SMS gateway is
 *   given the same id as its idempotency key, so sending again is safe and the SMS goes out once; an SMTP
 *   server cannot recognise a copy, so the e-mail is not sent again (at most once) and is FAILED
 *   (UNCONFIRMED) for staff to see.
 */
@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly batch: BatchLoader<string, Delivery>;
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly store: DeliveryStore,
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

  async onApplicationShutdown(): Promise<void> {
    await this.sender.close?.();
  }

  async process(job: Job<DeliveryJobData>): Promise<string> {
    const id = job.data.notificationId;
    const delivery = (await this.batch.load(id))!;
    if (delivery.outcome !== 'retry') return delivery.outcome;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade + 1 >= attempts) await this.store.giveUp(id, attempts);
    throw delivery.error;
  }

  /** One batch: claim, send in parallel, record every answer in one statement. */
  private async deliver(ids: string[]): Promise<Map<string, Delivery>> {
    const results = new Map<string, Delivery>(ids.map((id) => [id, { outcome: 'already-done' }]));
    const claimed = await this.store.claim(ids);
    const records: DeliveryRecord[] = [];
    const toSend: ClaimedNotice[] = [];
    for (const notice of claimed) {
      if (notice.interrupted && !this.sender.dedupesById(notice.channel)) {
        records.push({ id: notice.id, status: 'FAILED', kind: 'UNCONFIRMED', reason: UNCONFIRMED_REASON });
        results.set(notice.id, { outcome: 'unconfirmed' });
      } else toSend.push(notice);
    }
    const answers = await Promise.all(toSend.map((notice) => this.sendOne(notice)));
    toSend.forEach((notice, i) => {
      const answer = answers[i];
      if (answer.outcome === 'sent') {
        records.push({ id: notice.id, status: 'SENT', providerMessageId: answer.providerMessageId ?? null });
        results.set(notice.id, { outcome: 'sent' });
      } else if (answer.outcome === 'rejected') {
        records.push({ id: notice.id, status: 'FAILED', kind: 'REJECTED', reason: answer.reason });
        results.set(notice.id, { outcome: 'rejected' });
      } else {
        records.push({ id: notice.id, status: 'QUEUED', error: answer.reason });
        results.set(notice.id, { outcome: 'retry', error: new Error(answer.reason) });
      }
    });
    await this.store.record(records);
    return results;
  }

  /** A sender that throws (a bug, a template error) is a passing failure of that notice only. */
  private async sendOne(notice: ClaimedNotice): Promise<SendResult> {
    try {
      return await this.sender.send(notice);
    } catch (error) {
      this.logger.error({ err: error, notificationId: notice.id }, 'Notice sender failed');
      return { outcome: 'temporary', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
