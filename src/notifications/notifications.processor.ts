import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Environment } from '../config/environment';
import { recordAnswer, settleUnsent } from './delivery/delivery-decision';
import { ClaimedNotice, DeliveryRecord, DeliveryStore } from './delivery/delivery-store';
import { NOTIFICATION_SENDER, NotificationSender, SendResult } from './notification-sender';

/** Notices claimed by one statement; a full batch is followed by the next at once. */
export const NOTICE_BATCH = 100;

/**
 * Delivers queued notices through the configured channels, straight from the notifications table: no
 * outbox row and no BullMQ job per notice. Each worker process runs one loop: one statement claims the
 * due notices (marked SENDING, the attempt counted, before anything leaves; `FOR UPDATE SKIP LOCKED`, so
 * workers share the table), the sends run in parallel (the SMTP pool and the gateway's concurrency limit
 * bound them), and one statement records every answer. When fewer than a batch were due, the loop waits
 * NOTICE_POLL_MS. Redis plays no part, so losing it loses no notice.
 *
 * - Accepted: SENT. Refused for good (an SMTP 5xx, a gateway 4xx, a number that is not a mobile): FAILED
 *   with the reason, shown to staff; there is nothing to try again.
 * - A passing failure (a 4xx from SMTP, a 5xx or time-out from the gateway, no connection): back to
 *   QUEUED, due again after an exponential back-off (JOB_ATTEMPTS tries from 1 s, as a job's); after the
 *   last try the notice is FAILED (GAVE_UP) with the last error.
 * - Interrupted: a notice still SENDING after the lease (JOB_LOCK_MS, renewed while a slow channel
 *   answers) was handed over by a worker that stopped before recording the answer; the next claim takes
 *   it. The channel decides: the SMS gateway is given the same id as its idempotency key, so sending again
 *   is safe and the SMS goes out once; an SMTP server cannot recognise a copy, so the e-mail is not sent
 *   again (at most once) and is FAILED (UNCONFIRMED) for staff to see.
 */
@Injectable()
export class NotificationsProcessor
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(NotificationsProcessor.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly store: DeliveryStore,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and lets the batch in hand finish, while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sender.close?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.deliverDue();
      } catch (error) {
        this.logger.warn({ err: error }, 'Delivering notices failed; retrying');
        await this.pause(Math.max(this.env.NOTICE_POLL_MS, 1000));
        continue;
      }
      if (claimed < NOTICE_BATCH) await this.pause(this.env.NOTICE_POLL_MS);
    }
  }

  /** One batch: claim the due notices, send in parallel, record every answer. Returns how many were claimed. */
  async deliverDue(): Promise<number> {
    const claimed = await this.store.claimDue(NOTICE_BATCH, this.env.JOB_LOCK_MS);
    if (!claimed.length) return 0;
    const records: DeliveryRecord[] = [];
    const toSend: ClaimedNotice[] = [];
    for (const notice of claimed) {
      const settled = settleUnsent(notice, this.sender.dedupesById(notice.channel), this.env.JOB_ATTEMPTS);
      if (settled) records.push(settled);
      else toSend.push(notice);
    }
    const answers = await this.whileLeased(toSend, () => Promise.all(toSend.map((n) => this.sendOne(n))));
    toSend.forEach((notice, i) => records.push(recordAnswer(notice, answers[i], this.env.JOB_ATTEMPTS)));
    await this.store.record(records);
    return claimed.length;
  }

  /** Renews the notices' lease while `work` runs longer than half of it (a slow channel). */
  private async whileLeased<T>(notices: ClaimedNotice[], work: () => Promise<T>): Promise<T> {
    const ids = notices.map((n) => n.id);
    const renewal = setInterval(
      () => {
        this.store
          .renew(ids)
          .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not renew the notices’ lease'));
      },
      Math.floor(this.env.JOB_LOCK_MS / 2),
    );
    try {
      return await work();
    } finally {
      clearInterval(renewal);
    }
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

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
