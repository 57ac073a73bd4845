import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DELIVER_NOTICE, DELIVERY_JOB_ID_PREFIX } from './notification-jobs';
import {
  NOTICE_LANGUAGE,
  NotificationParams,
  NotificationTemplate,
  renderNotification,
} from './notification-templates';

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
 * Records a notice for the citizen in the caller's transaction and queues its delivery. The channels are
 * SMS to the phone on the account, and e-mail when there is one. The body is written in the citizen's
 * language (Vietnamese: there is no other preference yet); the template and raw parameters are kept so
 * the web page can show the same notice in the reader's language. The notices and their outbox rows are
 * written by one statement: every state change of every application comes through here.
 */
@Injectable()
export class Notifier {
  async notify(tx: EntityManager, notice: CitizenNotice): Promise<void> {
    const body = renderNotification(notice.template, notice.params, NOTICE_LANGUAGE);
    await tx.query(
      `WITH added AS (
         INSERT INTO notifications (citizen_id, application_id, channel, template, params, dedupe_key, recipient, body, status)
         SELECT $1, $2, ch.channel, $3, $9::jsonb, $4 || ':' || ch.channel, ch.recipient, $5, 'QUEUED'
         FROM citizens c
         CROSS JOIN LATERAL (VALUES ('SMS', c.phone), ('EMAIL', c.email)) AS ch(channel, recipient)
         WHERE c.id = $1 AND ch.recipient IS NOT NULL
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id
       )
       INSERT INTO outbox (queue, job_name, job_id, payload, delay_ms)
       SELECT $6, $7, $8::text || id::text, jsonb_build_object('notificationId', id), 0 FROM added`,
      [
        notice.citizenId,
        notice.applicationId,
        notice.template,
        notice.dedupeKey,
        body,
        DELIVER_NOTICE.queue,
        DELIVER_NOTICE.name,
        DELIVERY_JOB_ID_PREFIX,
        JSON.stringify(notice.params),
      ],
    );
  }
}
