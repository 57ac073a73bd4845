import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VNPAY: a staff alert for a payment our records and the gateway's disagree on (the daily
 * reconciliation), and the local VNPAY simulator's own ledger, which stands in for VNPAY's records
 * (what querydr reads and refund changes) in development and tests.
 */
export class VnpayPayments1764231600000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_alerts DROP CONSTRAINT staff_alerts_kind_check`);
    await q.query(
      `ALTER TABLE staff_alerts ADD CONSTRAINT staff_alerts_kind_check
         CHECK (kind IN ('DEADLINE_BREACHED', 'NEEDS_ATTENTION', 'REFUND_FAILED', 'PAYMENT_MISMATCH'))`,
    );
    await q.query(`CREATE SEQUENCE vnpay_simulator_transaction_no_seq START 14000000`);
    await q.query(`
      CREATE TABLE vnpay_simulator_transactions (
        txn_ref text PRIMARY KEY,
        transaction_no bigint NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        response_code char(2) NOT NULL,
        transaction_status char(2) NOT NULL,
        order_info text NOT NULL,
        pay_date char(14) NOT NULL,
        refunded_amount bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vnpay_simulator_transactions`);
    await q.query(`DROP SEQUENCE vnpay_simulator_transaction_no_seq`);
    await q.query(`DELETE FROM staff_alerts WHERE kind = 'PAYMENT_MISMATCH'`);
    await q.query(`ALTER TABLE staff_alerts DROP CONSTRAINT staff_alerts_kind_check`);
    await q.query(
      `ALTER TABLE staff_alerts ADD CONSTRAINT staff_alerts_kind_check CHECK (kind IN ('DEADLINE_BREACHED', 'NEEDS_ATTENTION', 'REFUND_FAILED'))`,
    );
  }
}
