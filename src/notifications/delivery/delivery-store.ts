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
  /** Attempts so far, this one included: the claim counted it. */
  attempts: number;
}

/**
 * How a batch's notices ended: sent, failed for good, or back in the queue for a later try. `attempts`
 * is the claim's count: an answer recorded after another worker took the notice over changes nothing.
 */
export type DeliveryRecord =
  | { id: string; attempts: number; status: 'SENT'; providerMessageId: string | null }
  | {
      id: string;
      attempts: number;
      status: 'FAILED';
      kind: 'REJECTED' | 'UNCONFIRMED' | 'GAVE_UP';
      reason: string;
      /** The channel's last error when it differs from the reason (GAVE_UP). */
      error?: string;
    }
  | { id: string; attempts: number; status: 'QUEUED'; error: string; retryInMs: number };

/**
 * The notifications table as delivery sees it: the table is the queue. A notice is marked SENDING
 * (attempt counted) in the same statement that takes it, before anything is handed to a channel, so a
 * crash between handing over and recording the answer leaves a trace the next claim finds.
 */
@Injectable()
export class DeliveryStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Takes up to `limit` notices due now, and up to `limit` left SENDING for longer than `leaseMs` (their
   * worker stopped before recording an answer), marks them SENDING and returns them. Rows another worker
   * is claiming are skipped, not waited for.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
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
      `WITH due AS (
         SELECT id, status AS was FROM notifications
         WHERE status = 'QUEUED' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), stuck AS (
         SELECT id, status AS was FROM notifications
         WHERE status = 'SENDING' AND sending_since < now() - $2::int * interval '1 millisecond'
         ORDER BY sending_since LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE notifications n SET status = 'SENDING', attempts = n.attempts + 1, sending_since = now()
         FROM (SELECT * FROM due UNION ALL SELECT * FROM stuck) old
         WHERE n.id = old.id
         RETURNING n.id, n.channel, n.recipient, n.subject, n.body, n.language, n.template, n.application_id,
                   n.params, n.attempts, old.was
       )
       SELECT c.*, a.reference FROM claimed c LEFT JOIN applications a ON a.id = c.application_id`,
      [limit, leaseMs],
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

  /** Keeps the lease of notices still being sent (a slow channel), so no other worker takes them over. */
  async renew(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.query(
      `UPDATE notifications SET sending_since = now() WHERE id = ANY($1::uuid[]) AND status = 'SENDING'`,
      [ids],
    );
  }

  /**
   * Records how each notice of a batch ended, in one statement: a passing failure goes back to QUEUED,
   * due after its back-off. A notice that failed for good is also audited on its case (the citizen may
   * not know about that step), in the same transaction.
   */
  async record(results: DeliveryRecord[]): Promise<void> {
    if (!results.length) return;
    const column = <T>(pick: (r: DeliveryRecord) => T) => results.map(pick);
    const params = [
      column((r) => r.id),
      column((r) => r.attempts),
      column((r) => r.status),
      column((r) => (r.status === 'SENT' ? r.providerMessageId : null)),
      column((r) => (r.status === 'FAILED' ? r.kind : null)),
      column((r) => (r.status === 'FAILED' ? r.reason : null)),
      column((r) => (r.status === 'QUEUED' ? r.error : r.status === 'FAILED' ? (r.error ?? r.reason) : null)),
      column((r) => (r.status === 'QUEUED' ? r.retryInMs : null)),
    ];
    const sql = `WITH done AS (
         UPDATE notifications n SET
           status = r.status,
           sending_since = NULL,
           sent_at = CASE WHEN r.status = 'SENT' THEN now() END,
           provider_message_id = r.provider_id,
           failed_at = CASE WHEN r.status = 'FAILED' THEN now() END,
           failure_kind = r.kind,
           failure_reason = r.reason,
           last_error = COALESCE(r.error, n.last_error),
           next_attempt_at = CASE WHEN r.status = 'QUEUED'
             THEN now() + r.retry_ms * interval '1 millisecond' ELSE n.next_attempt_at END
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
           AS r(id, attempts, status, provider_id, kind, reason, error, retry_ms)
         WHERE n.id = r.id AND n.status = 'SENDING' AND n.attempts = r.attempts
         RETURNING n.id, n.application_id, n.channel, n.status, n.failure_kind, n.failure_reason
       )
       SELECT * FROM done WHERE status = 'FAILED'`;
    if (!results.some((r) => r.status === 'FAILED')) {
      await this.db.query(sql, params);
      return;
    }
    await this.db.transaction(async (tx) => auditFailures(tx, await tx.query<FailedRow[]>(sql, params)));
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
