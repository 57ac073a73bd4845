import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_OPEN = `('AWAITING_PAYMENT', 'CHECKING', 'NEEDS_ATTENTION', 'PENDING_REVIEW', 'NEEDS_INFO', 'APPROVED')`;
const OPEN = `('AWAITING_PAYMENT', 'CHECKING', 'NEEDS_ATTENTION', 'PENDING_REVIEW', 'NEEDS_INFO', 'AWAITING_VERIFICATION', 'APPROVED')`;

/**
 * What the corrected law needs (DOMAIN.md): a rule that could not run is NOT_CHECKED; a licence
 * missing from the register waits in AWAITING_VERIFICATION, an open state (one open application per
 * licence still holds); a fee paid for a refused application is refunded (payment_refunds, one row
 * per refund, its id the idempotency key sent to the provider); a refund that keeps failing is raised
 * to the supervisors; old B1 cards limited to automatic cars carry that in the register.
 */
export class ChecksBeforePayment1764231000000 implements MigrationInterface {
  name = 'ChecksBeforePayment1764231000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_checks DROP CONSTRAINT application_checks_outcome_check`);
    await q.query(
      `ALTER TABLE application_checks ADD CONSTRAINT application_checks_outcome_check
       CHECK (outcome IN ('PASS', 'FLAG', 'FAIL', 'NOT_CHECKED'))`,
    );
    await q.query(`DROP INDEX applications_licence_idx`);
    await q.query(`DROP INDEX applications_one_open_per_licence`);
    await q.query(
      `CREATE INDEX applications_licence_idx ON applications (licence_number) WHERE status IN ${OPEN}`,
    );
    await q.query(
      `CREATE UNIQUE INDEX applications_one_open_per_licence ON applications (citizen_id, licence_number) WHERE status IN ${OPEN}`,
    );
    await q.query(`
      CREATE TABLE payment_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL UNIQUE REFERENCES payments(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        amount integer NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'REQUESTED' CHECK (status IN ('REQUESTED', 'REFUNDED', 'FAILED')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz,
        provider_refund_id text,
        failure_reason text
      )`);
    await q.query(`CREATE INDEX payment_refunds_application_idx ON payment_refunds (application_id)`);
    await q.query(
      `CREATE INDEX payment_refunds_open_idx ON payment_refunds (requested_at) WHERE status <> 'REFUNDED'`,
    );
    await q.query(`ALTER TABLE staff_alerts DROP CONSTRAINT staff_alerts_kind_check`);
    await q.query(
      `ALTER TABLE staff_alerts ADD CONSTRAINT staff_alerts_kind_check
       CHECK (kind IN ('DEADLINE_BREACHED', 'NEEDS_ATTENTION', 'REFUND_FAILED'))`,
    );
    await q.query(`ALTER TABLE licence_classes ADD COLUMN automatic_only boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE licence_classes DROP COLUMN automatic_only`);
    await q.query(`DELETE FROM staff_alerts WHERE kind = 'REFUND_FAILED'`);
    await q.query(`ALTER TABLE staff_alerts DROP CONSTRAINT staff_alerts_kind_check`);
    await q.query(
      `ALTER TABLE staff_alerts ADD CONSTRAINT staff_alerts_kind_check CHECK (kind IN ('DEADLINE_BREACHED', 'NEEDS_ATTENTION'))`,
    );
    await q.query(`DROP TABLE payment_refunds`);
    await q.query(`DROP INDEX applications_licence_idx`);
    await q.query(`DROP INDEX applications_one_open_per_licence`);
    await q.query(
      `CREATE INDEX applications_licence_idx ON applications (licence_number) WHERE status IN ${OLD_OPEN}`,
    );
    await q.query(
      `CREATE UNIQUE INDEX applications_one_open_per_licence ON applications (citizen_id, licence_number) WHERE status IN ${OLD_OPEN}`,
    );
    await q.query(`UPDATE application_checks SET outcome = 'FAIL' WHERE outcome = 'NOT_CHECKED'`);
    await q.query(`ALTER TABLE application_checks DROP CONSTRAINT application_checks_outcome_check`);
    await q.query(
      `ALTER TABLE application_checks ADD CONSTRAINT application_checks_outcome_check CHECK (outcome IN ('PASS', 'FLAG', 'FAIL'))`,
    );
  }
}
