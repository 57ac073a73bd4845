import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices that really leave the system. Citizens choose their channels and language (at least one
 * channel stays on: SMS, or e-mail with an address). A notice is marked SENDING before it is handed to
 * the SMS gateway or the mail server (its id is the idempotency key the channel sees), and ends SENT or
 * FAILED with the reason staff are shown on the case.
 */
export class NotificationDelivery1764231500000 implements MigrationInterface {
  name = 'NotificationDelivery1764231500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE citizens
        ADD COLUMN notify_sms boolean NOT NULL DEFAULT true,
        ADD COLUMN notify_email boolean NOT NULL DEFAULT true,
        ADD COLUMN language text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
        ADD CONSTRAINT citizens_one_notice_channel CHECK (notify_sms OR (notify_email AND email IS NOT NULL))`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`
      ALTER TABLE notifications
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
        ADD COLUMN language text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
        -- params: added by CaseSearchAndNoticeParams (the template's raw values); it is filled on every row now.
        ALTER COLUMN params SET DEFAULT '{}',
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN sending_since timestamptz,
        ADD COLUMN last_error text,
        ADD COLUMN failure_kind text CHECK (failure_kind IN ('REJECTED', 'GAVE_UP', 'UNCONFIRMED')),
        ADD COLUMN failure_reason text,
        ADD COLUMN failed_at timestamptz,
        ADD COLUMN provider_message_id text,
        ADD CONSTRAINT notifications_failed_has_reason CHECK (status <> 'FAILED' OR failure_reason IS NOT NULL)`);
    await q.query(
      `CREATE INDEX notifications_sending_idx ON notifications (sending_since) WHERE status = 'SENDING'`,
    );
    await q.query(`CREATE INDEX notifications_application_idx ON notifications (application_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_application_idx`);
    await q.query(`DROP INDEX notifications_sending_idx`);
    await q.query(`UPDATE notifications SET status = 'QUEUED' WHERE status = 'SENDING'`);
    await q.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_failed_has_reason,
        DROP CONSTRAINT notifications_status_check,
        ALTER COLUMN params DROP DEFAULT, DROP COLUMN language, DROP COLUMN attempts, DROP COLUMN sending_since,
        DROP COLUMN last_error, DROP COLUMN failure_kind, DROP COLUMN failure_reason, DROP COLUMN failed_at,
        DROP COLUMN provider_message_id,
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('QUEUED', 'SENT', 'FAILED'))`);
    await q.query(`
      ALTER TABLE citizens
        DROP CONSTRAINT citizens_one_notice_channel,
        DROP COLUMN notify_sms, DROP COLUMN notify_email, DROP COLUMN language`);
  }
}
