import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `('AWAITING_PAYMENT', 'CHECKING', 'NEEDS_ATTENTION', 'PENDING_REVIEW', 'NEEDS_INFO', 'APPROVED')`;

/**
 * Citizens' applications and the records that travel with them: per-rule check results, messages,
 * payments and provider callbacks, stored Idempotency-Key responses, the transactional outbox that
 * feeds the queues, and notifications.
 */
export class Applications1764230500000 implements MigrationInterface {
  name = 'Applications1764230500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE application_reference_seq`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        national_id char(12) NOT NULL,
        type text NOT NULL CHECK (type IN ('RENEWAL', 'REPLACEMENT_DAMAGED', 'REPLACEMENT_LOST', 'PAPER_CONVERSION', 'DETAILS_CHANGE')),
        licence_number char(12) NOT NULL,
        health_certificate_number text,
        photo_upload_id uuid,
        delivery jsonb NOT NULL,
        new_details jsonb,
        declaration jsonb,
        province_code char(2) NOT NULL REFERENCES provinces(code),
        status text NOT NULL,
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        fee_amount integer NOT NULL,
        postal_fee integer NOT NULL,
        total_amount integer NOT NULL,
        payment_due_by timestamptz NOT NULL,
        check_run integer NOT NULL DEFAULT 0,
        outcome text CHECK (outcome IN ('ELIGIBLE', 'FLAGGED', 'INELIGIBLE')),
        attention jsonb,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz,
        checked_at timestamptz,
        due_at timestamptz,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX applications_citizen_idx ON applications (citizen_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX applications_status_idx ON applications (status, status_changed_at)`);
    await q.query(
      `CREATE INDEX applications_licence_idx ON applications (licence_number) WHERE status IN ${OPEN}`,
    );
    // One open application per citizen and licence; another person's claim is caught by the checks.
    await q.query(
      `CREATE UNIQUE INDEX applications_one_open_per_licence ON applications (citizen_id, licence_number) WHERE status IN ${OPEN}`,
    );
    await q.query(
      `CREATE INDEX applications_payment_due_idx ON applications (payment_due_by) WHERE status = 'AWAITING_PAYMENT'`,
    );

    await q.query(`
      CREATE TABLE application_checks (
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        check_run integer NOT NULL,
        rule text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('PASS', 'FLAG', 'FAIL')),
        detail text NOT NULL,
        action text,
        evidence jsonb NOT NULL DEFAULT '{}',
        checked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, check_run, rule)
      )`);
    await q.query(`
      CREATE TABLE application_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        author_kind text NOT NULL CHECK (author_kind IN ('citizen', 'staff', 'system')),
        author_id text,
        kind text NOT NULL CHECK (kind IN ('REQUEST_INFO', 'SUPPLEMENT', 'NOTE')),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX application_messages_app_idx ON application_messages (application_id, created_at)`,
    );

    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        amount integer NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL DEFAULT 'VND',
        status text NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'CANCELLED')),
        provider_transaction_id text UNIQUE,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz
      )`);
    await q.query(`CREATE INDEX payments_application_idx ON payments (application_id)`);
    // At most one settled payment per application: a second PAID callback cannot double-charge silently.
    await q.query(
      `CREATE UNIQUE INDEX payments_one_paid_per_application ON payments (application_id) WHERE status = 'PAID'`,
    );
    await q.query(`
      CREATE TABLE payment_callbacks (
        provider_transaction_id text PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payments(id),
        status text NOT NULL,
        amount integer NOT NULL,
        result text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        citizen_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer NOT NULL,
        response_body json NOT NULL, -- json, not jsonb: a replay must be byte-for-byte the first response
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (citizen_id, key)
      )`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        delay_ms integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id uuid NOT NULL,
        application_id uuid REFERENCES applications(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
        template text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        recipient text,
        subject text,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'FAILED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_citizen_idx ON notifications (citizen_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX notifications_queued_idx ON notifications (created_at) WHERE status = 'QUEUED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'outbox',
      'idempotency_keys',
      'payment_callbacks',
      'payments',
      'application_messages',
      'application_checks',
      'applications',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE application_reference_seq`);
  }
}
