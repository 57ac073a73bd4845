import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addToOutbox } from '../outbox/outbox';
import { QUEUES } from '../queue/queue-names';
import { NotificationTemplate, renderNotification } from './notification-templates';

export interface CitizenNotice {
  citizenId: string;
  applicationId: string;
  template: NotificationTemplate;
  params: Record<string, string | number>;
  /** Makes the notice unique: the same step of the same case is told once, however often it is retried. */
  dedupeKey: string;
}

/**
 * Records a notice for the citizen in the caller's transaction and queues its delivery. The channels are
 * SMS to the phone on the account, and e-mail when there is one.
 */
@Injectable()
export class Notifier {
  async notify(tx: EntityManager, notice: CitizenNotice): Promise<void> {
    const body = renderNotification(notice.template, notice.params);
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO notifications (citizen_id, application_id, channel, template, dedupe_key, recipient, body, status)
       SELECT $1, $2, ch.channel, $3, $4 || ':' || ch.channel, ch.recipient, $5, 'QUEUED'
       FROM citizens c
       CROSS JOIN LATERAL (VALUES ('SMS', c.phone), ('EMAIL', c.email)) AS ch(channel, recipient)
       WHERE c.id = $1 AND ch.recipient IS NOT NULL
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [notice.citizenId, notice.applicationId, notice.template, notice.dedupeKey, body],
    );
    await addToOutbox(
      tx,
      rows.map((r) => ({
        queue: QUEUES.notifications,
        name: 'deliver',
        jobId: `notification.${r.id}`,
        data: { notificationId: r.id },
      })),
    );
  }
}
