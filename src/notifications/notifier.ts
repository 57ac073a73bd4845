import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { riderAlone, StatementRider } from '../database/statement-rider';
import { OutboxJob, outboxArrays, outboxInsertFrom } from '../outbox/outbox';
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

/** A notice's texts in both languages, rendered here: the statement picks the citizen's. */
const texts = (n: CitizenNotice) => ({
  subjectVi: emailSubject(n.template, 'vi'),
  subjectEn: emailSubject(n.template, 'en'),
  bodyVi: renderNotificationIn(n.template, n.params, 'vi'),
  bodyEn: renderNotificationIn(n.template, n.params, 'en'),
});

/**
 * The notices of one or more steps, one row per notice and channel, and the jobs that follow the steps,
 * as CTEs reading their arrays from parameter `$first` on: the notices' nine, then the outbox's five
 * (outbox.ts). A statement of their own, or carried by the steps' audit append (record-step.ts).
 */
const noticesAndJobsCtes = (first: number): string => {
  const known = ctesFrom.get(first);
  if (known !== undefined) return known;
  const p = (i: number, type: string) => `$${first + i}::${type}[]`;
  const text = `n AS (
    SELECT * FROM unnest(${p(0, 'uuid')}, ${p(1, 'uuid')}, ${p(2, 'text')}, ${p(3, 'text')}, ${p(4, 'text')},
      ${p(5, 'text')}, ${p(6, 'text')}, ${p(7, 'text')}, ${p(8, 'jsonb')}) AS n(citizen_id, application_id, template,
      dedupe_key, subject_vi, subject_en, body_vi, body_en, params)
  ), notices AS (
    INSERT INTO notifications (citizen_id, application_id, channel, template, dedupe_key, recipient, subject, body,
      language, params, status)
    SELECT n.citizen_id, n.application_id, ch.channel, n.template, n.dedupe_key || ':' || ch.channel, ch.recipient,
           CASE WHEN ch.channel = 'EMAIL' THEN
             (CASE c.language WHEN 'en' THEN n.subject_en ELSE n.subject_vi END) || COALESCE(' – ' || a.reference, '') END,
           CASE c.language WHEN 'en' THEN n.body_en ELSE n.body_vi END, c.language, n.params, 'QUEUED'
    FROM n
    JOIN citizens c ON c.id = n.citizen_id
    LEFT JOIN applications a ON a.id = n.application_id
    CROSS JOIN LATERAL (VALUES
      ('SMS', c.phone, c.notify_sms OR NOT (c.notify_email AND c.email IS NOT NULL)),
      ('EMAIL', c.email, c.notify_email)
    ) AS ch(channel, recipient, wanted)
    WHERE ch.recipient IS NOT NULL AND ch.wanted
    ON CONFLICT (dedupe_key) DO NOTHING
  ), jobs AS (
    ${outboxInsertFrom(first + 9)}
  )`;
  ctesFrom.set(first, text);
  return text;
};
const ctesFrom = new Map<number, string>();

/**
 * Records notices for citizens in the caller's transaction, on the channels each citizen chose (SMS to
 * the account's phone, e-mail to its address) and in their language. SMS is used even when switched
 * off if e-mail cannot be (no address): a citizen always has one channel. The notice rows are
 * themselves the queue: written QUEUED and due now (`next_attempt_at`), they are claimed in batches by
 * the workers (`NotificationsProcessor`), with no outbox row or job per notice. Every state change of
 * every application comes through here: its notices and the jobs that follow it ride with the step's
 * audit entry (record-step.ts), or are one statement of their own.
 */
@Injectable()
export class Notifier {
  async notify(tx: EntityManager, notice: CitizenNotice): Promise<void> {
    await this.notifyMany(tx, [notice]);
  }

  /** Many notices, and the steps' jobs for the outbox, in one statement (none when there is nothing). */
  async notifyMany(tx: EntityManager, notices: CitizenNotice[], jobs: OutboxJob[] = []): Promise<void> {
    const rider = this.rider(notices, jobs);
    if (rider) await tx.query(...riderAlone(rider));
  }

  /** The notices and jobs as writes another statement can carry; null when there is nothing to write. */
  rider(notices: CitizenNotice[], jobs: OutboxJob[] = []): StatementRider | null {
    if (notices.length === 0 && jobs.length === 0) return null;
    const rendered = notices.map(texts);
    return {
      ctes: noticesAndJobsCtes,
      params: [
        notices.map((n) => n.citizenId),
        notices.map((n) => n.applicationId),
        notices.map((n) => n.template),
        notices.map((n) => n.dedupeKey),
        rendered.map((t) => t.subjectVi),
        rendered.map((t) => t.subjectEn),
        rendered.map((t) => t.bodyVi),
        rendered.map((t) => t.bodyEn),
        notices.map((n) => JSON.stringify(n.params)),
        ...outboxArrays(jobs),
      ],
    };
  }
}
