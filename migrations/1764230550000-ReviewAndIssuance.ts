import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff review and issuance: who holds a case (claims), the decision, breached deadlines, the
 * per-province straight-through policy, and the cards issued — one per application, enforced by a
 * unique constraint so a retried job can never issue twice.
 */
export class ReviewAndIssuance1764230550000 implements MigrationInterface {
  name = 'ReviewAndIssuance1764230550000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN claimed_by uuid REFERENCES staff_accounts(id),
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN decided_by text,
        ADD COLUMN decision_reason_code text,
        ADD COLUMN decision_note text,
        ADD COLUMN breached_at timestamptz,
        ADD COLUMN issued_at timestamptz,
        ADD COLUMN closed_at timestamptz`);
    // The work queue: one province's open cases by due date.
    await q.query(`CREATE INDEX applications_queue_idx ON applications (province_code, status, due_at, id)`);
    await q.query(
      `CREATE INDEX applications_breach_idx ON applications (due_at) WHERE status = 'PENDING_REVIEW' AND breached_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE province_policies (
        province_code char(2) PRIMARY KEY REFERENCES provinces(code),
        auto_approve_clean_renewals boolean NOT NULL DEFAULT false,
        updated_by text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO province_policies (province_code) SELECT code FROM provinces`);

    await q.query(`CREATE SEQUENCE licence_card_serial_seq`);
    await q.query(`
      CREATE TABLE licence_cards (
        serial text PRIMARY KEY,
        licence_number char(12) NOT NULL,
        application_id uuid UNIQUE REFERENCES applications(id),
        holder_national_id char(12) NOT NULL,
        holder_name text NOT NULL,
        holder_date_of_birth date NOT NULL,
        card_kind text NOT NULL CHECK (card_kind IN ('PAPER', 'PET')),
        issued_on date NOT NULL,
        issuing_province_code char(2) NOT NULL REFERENCES provinces(code),
        classes jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'REPLACED')),
        replaced_by text REFERENCES licence_cards(serial),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX licence_cards_licence_idx ON licence_cards (licence_number)`);
    // At most one card in use per licence.
    await q.query(
      `CREATE UNIQUE INDEX licence_cards_one_active ON licence_cards (licence_number) WHERE status = 'ACTIVE'`,
    );

    await q.query(`
      CREATE TABLE staff_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_code char(2) NOT NULL REFERENCES provinces(code),
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('DEADLINE_BREACHED', 'NEEDS_ATTENTION')),
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        UNIQUE (application_id, kind)
      )`);
    await q.query(`CREATE INDEX staff_alerts_province_idx ON staff_alerts (province_code, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_alerts`);
    await q.query(`DROP TABLE licence_cards`);
    await q.query(`DROP SEQUENCE licence_card_serial_seq`);
    await q.query(`DROP TABLE province_policies`);
    await q.query(`DROP INDEX applications_breach_idx`);
    await q.query(`DROP INDEX applications_queue_idx`);
    await q.query(`
      ALTER TABLE applications
        DROP COLUMN claimed_by, DROP COLUMN claimed_at, DROP COLUMN decided_by, DROP COLUMN decision_reason_code,
        DROP COLUMN decision_note, DROP COLUMN breached_at, DROP COLUMN issued_at, DROP COLUMN closed_at`);
  }
}
