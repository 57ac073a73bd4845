import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { emailSubject } from './email/email-text';
import { NotificationParams, NotificationTemplate, renderNotificationIn } from './notification-templates';

export interface CitizenNotice {
  citizenId: string;
  applicationId: string;
  template: NotificationTemplate;
  /** Raw values (ISO times, amounts in VND, codes): the text formats them for its reader. */
  params: NotificationParams;
  /** Makes the notice unique: the same step of the same case is told once, however often it is retried. */
  dedupeKey: string;
}

/**
 * Records a notice for the citizen in the caller's transaction and queues its delivery, on the channels
 * the citizen chose (SMS to the account's phone, e-mail to its address) and in their language. SMS is
 * used even when switched off if e-mail cannot be (no address): a citizen always has one channel. The
 * notice rows are themselves the queue: written QUEUED and due now (`next_attempt_at`), they are claimed
 * in batches by the workers (`NotificationsProcessor`), with no outbox row or job per notice. One
 * statement: every state change of every application comes through here.
 */
@Injectable()
export class Notifier {
  async notify(tx: EntityManager, notice: CitizenNotice): Promise<void> {
    const { template, params } = notice;
    await tx.query(
      `INSERT INTO notifications (citizen_id, application_id, channel, template, dedupe_key, recipient, subject, body, language, params, status)
       SELECT $1, $2, ch.channel, $3, $4 || ':' || ch.channel, ch.recipient,
              CASE WHEN ch.channel = 'EMAIL' THEN
                (CASE c.language WHEN 'en' THEN $6 ELSE $5 END) || COALESCE(' – ' || a.reference, '') END,
              CASE c.language WHEN 'en' THEN $8 ELSE $7 END, c.language, $9::jsonb, 'QUEUED'
       FROM citizens c
       LEFT JOIN applications a ON a.id = $2
       CROSS JOIN LATERAL (VALUES
         ('SMS', c.phone, c.notify_sms OR NOT (c.notify_email AND c.email IS NOT NULL)),
         ('EMAIL', c.email, c.notify_email)
       ) AS ch(channel, recipient, wanted)
       WHERE c.id = $1 AND ch.recipient IS NOT NULL AND ch.wanted
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        notice.citizenId,
        notice.applicationId,
        template,
        notice.dedupeKey,
        emailSubject(template, 'vi'),
        emailSubject(template, 'en'),
        renderNotificationIn(template, params, 'vi'),
        renderNotificationIn(template, params, 'en'),
        JSON.stringify(params),
      ],
    );
  }
}
