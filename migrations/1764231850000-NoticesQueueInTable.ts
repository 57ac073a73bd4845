import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notice row is its own queue entry: the worker claims due QUEUED notices in batches straight from
 * this table (`next_attempt_at`, pushed out by the back-off after a passing failure), with no outbox row
 * and no BullMQ job per notice. The partial index holds only the notices waiting to be sent, so a claim
 * (and an idle poll) reads a handful of index entries whatever the size of the table; it replaces the
 * index on `created_at` that the reconciler used to find queued notices without a job.
 *
 * Delivery jobs still waiting in the outbox are dropped: their notices are QUEUED and due now.
 */
export class NoticesQueueInTable1764231850000 implements MigrationInterface {
  name = 'NoticesQueueInTable1764231850000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`DROP INDEX notifications_queued_idx`);
    await q.query(
      `CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'QUEUED'`,
    );
    await q.query(`DELETE FROM outbox WHERE queue = 'notifications'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The delivery jobs of the notices still to send, as the notifier wrote them before.
    await q.query(`
      INSERT INTO outbox (queue, job_name, job_id, payload, delay_ms)
      SELECT 'notifications', 'deliver', 'notification.' || id, jsonb_build_object('notificationId', id), 0
      FROM notifications WHERE status IN ('QUEUED', 'SENDING')`);
    await q.query(`DROP INDEX notifications_due_idx`);
    await q.query(
      `CREATE INDEX notifications_queued_idx ON notifications (created_at) WHERE status = 'QUEUED'`,
    );
    await q.query(`ALTER TABLE notifications DROP COLUMN next_attempt_at`);
  }
}
