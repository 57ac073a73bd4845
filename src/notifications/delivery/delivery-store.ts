import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../../audit/audit-entry';
import { appendAudit } from '../../audit/audit-log';
import type { NoticeLanguage } from '../notification-templates';
import type { NoticeChannel, OutgoingNotice } from '../notification-sender';

/** A notice taken for sending; `interrupted` when an earlier attempt left it SENDING. */
export interface ClaimedNotice extends OutgoingNotice {
  interrupted: boolean;
  attempts: number;
}

/** How a batch's notices ended: sent, failed for good, or back in the queue for a later try. */
export type DeliveryRecord =
  | { id: string; status: 'SENT'; providerMessageId: string | null }
  | { id: string; status: 'FAILED'; kind: 'REJECTED' | 'UNCONFIRMED'; reason: string }
  | { id: string; status: 'QUEUED'; error: string };

/**
 * The notifications table as delivery sees it. A notice is marked SENDING (attempt counted) in the same
 * statement that reads it, before anything is handed to a channel, so a crash between handing over and
 * recording the answer leaves a trace the next attempt finds.
 */
@Injectable()
export class DeliveryStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Marks the queued (and interrupted) notices among `ids` SENDING and returns them; others are done. */
  async claim(ids: string[]): Promise<ClaimedNotice[]> {
    const rows = await this.db.query<
      {
        id: string;
        channel: NoticeChannel;
        recipient: string;
        subject: string | null;
        body: string;
        language: NoticeLanguage;
        template: string;
        application_id: string | null;
        params: Record<string, string | number>;
        attempts: number;
        was: string;
        reference: string | null;
      }[]
    >(
      `WITH claimed AS (
         UPDATE notifications n SET status = 'SENDING', attempts = n.attempts + 1, sending_since = now()
         FROM (SELECT id, status AS was FROM notifications WHERE id = ANY($1::uuid[]) AND status IN ('QUEUED', 'SENDING')) old
         WHERE n.id = old.id AND n.status IN ('QUEUED', 'SENDING')
         RETURNING n.id, n.channel, n.recipient, n.subject, n.body, n.language, n.template, n.application_id,
                   n.params, n.attempts, old.was
       )
       SELECT c.*, a.reference FROM claimed c LEFT JOIN applications a ON a.id = c.application_id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      subject: r.subject,
      body: r.body,
      language: r.language,
      template: r.template,
      applicationId: r.application_id,
      reference: r.reference,
      params: r.params,
      attempts: r.attempts,
      interrupted: r.was === 'SENDING',
    }));
  }

  /**
   * Records how each notice of a batch ended, in one statement; a notice that failed for good is also
   * audited on its case (the citizen may not know about that step), in the same transaction.
   */
  async record(results: DeliveryRecord[]): Promise<void> {
    if (!results.length) return;
    const column = (pick: (r: DeliveryRecord) => string | null) => results.map(pick);
    const params = [
      column((r) => r.id),
      column((r) => r.status),
      column((r) => (r.status === 'SENT' ? r.providerMessageId : null)),
      column((r) => (r.status === 'FAILED' ? r.kind : null)),
      column((r) => (r.status === 'FAILED' ? r.reason : r.status === 'QUEUED' ? r.error : null)),
    ];
    const sql = `WITH done AS (
         UPDATE notifications n SET
           status = r.status,
           sending_since = NULL,
           sent_at = CASE WHEN r.status = 'SENT' THEN now() END,
           provider_message_id = r.provider_id,
           failed_at = CASE WHEN r.status = 'FAILED' THEN now() END,
           failure_kind = r.kind,
           failure_reason = CASE WHEN r.status = 'FAILED' THEN r.reason END,
           last_error = COALESCE(r.reason, n.last_error)
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(id, status, provider_id, kind, reason)
         WHERE n.id = r.id AND n.status = 'SENDING'
         RETURNING n.id, n.application_id, n.channel, n.status, n.failure_kind, n.failure_reason
       )
       SELECT * FROM done WHERE status = 'FAILED'`;
    if (!results.some((r) => r.status === 'FAILED')) {
      await this.db.query(sql, params);
      return;
    }
    await this.db.transaction(async (tx) => auditFailures(tx, await tx.query<FailedRow[]>(sql, params)));
  }

  /** The last try of a notice failed for a passing reason: it is given up, and staff see why. */
  async giveUp(id: string, attempts: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const failed = await tx.query<FailedRow[]>(
        `WITH done AS (
           UPDATE notifications SET status = 'FAILED', failure_kind = 'GAVE_UP', failed_at = now(),
                  failure_reason = 'Not delivered after ' || $2::int || ' attempts: ' || COALESCE(last_error, 'no answer')
           WHERE id = $1 AND status = 'QUEUED'
           RETURNING id, application_id, channel, status, failure_kind, failure_reason
         )
         SELECT * FROM done`,
        [id, attempts],
      );
      await auditFailures(tx, failed);
    });
  }
}

interface FailedRow {
  id: string;
  application_id: string | null;
  channel: NoticeChannel;
  failure_kind: string;
  failure_reason: string;
}

/** NOTICE_FAILED on the case's history: an auditor can see the citizen was not told. */
function auditFailures(tx: EntityManager, failed: FailedRow[]): Promise<void> {
  return appendAudit(
    tx,
    failed
      .filter((f) => f.application_id)
      .map((f) => ({
        actor: SYSTEM_ACTOR,
        action: 'NOTICE_FAILED',
        subjectType: 'application',
        subjectId: f.application_id!,
        applicationId: f.application_id,
        reason: f.failure_reason,
        data: { notificationId: f.id, channel: f.channel, kind: f.failure_kind },
      })),
  );
}
