import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DELIVER_NOTICE, DELIVERY_JOB_ID_PREFIX } from './notification-jobs';
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
 * notices and their outbox rows are written by one statement: every state change of every application
 * comes through here.
 */
@Injectable()
export class Notifier {
  async notify(tx: EntityManager, notice: CitizenNotice): Promise<void> {
    const { template, params } = notice;
    await tx.query(
      `WITH added AS (
         INSERT INTO notifications (citizen_id, application_id, channel, template, dedupe_key, recipient, subject, body, language, params, status)
         SELECT $1, $2, ch.channel, $3, $4 || ':' || ch.channel, ch.recipient,
                CASE WHEN ch.channel = 'EMAIL' THEN
                  (CASE c.language WHEN 'en' THEN $7 ELSE $6 END) || COALESCE(' – ' || a.reference, '') END,
                CASE c.language WHEN 'en' THEN $9 ELSE $8 END, c.language, $10::jsonb, 'QUEUED'
         FROM citizens c
         LEFT JOIN applications a ON a.id = $2
         CROSS JOIN LATERAL (VALUES
           ('SMS', c.phone, c.notify_sms OR NOT (c.notify_email AND c.email IS NOT NULL)),
           ('EMAIL', c.email, c.notify_email)
         ) AS ch(channel, recipient, wanted)
         WHERE c.id = $1 AND ch.recipient IS NOT NULL AND ch.wanted
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id
       )
       INSERT INTO outbox (queue, job_name, job_id, payload, delay_ms)
       SELECT $5, $11, $12::text || id::text, jsonb_build_object('notificationId', id), 0 FROM added`,
      [
        notice.citizenId,
        notice.applicationId,
        template,
        notice.dedupeKey,
        DELIVER_NOTICE.queue,
        emailSubject(template, 'vi'),
        emailSubject(template, 'en'),
        renderNotificationIn(template, params, 'vi'),
        renderNotificationIn(template, params, 'en'),
        JSON.stringify(params),
        DELIVER_NOTICE.name,
        DELIVERY_JOB_ID_PREFIX,
      ],
    );
  }
}
