import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds asked of the payment provider: one row per refund, its id the refundId the provider confirms
 * (POST /api/v1/payments/refund-callback). REQUESTED until the provider says REFUNDED or FAILED, which is
 * final: a repeated confirmation changes nothing.
 */
export class PaymentRefunds1764231610000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments(id),
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        amount integer NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('REQUESTED', 'REFUNDED', 'FAILED')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        refunded_at timestamptz,
        confirmed_at timestamptz,
        CHECK ((status = 'REQUESTED') = (confirmed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id)`);
    await q.query(`CREATE INDEX payment_refunds_application_idx ON payment_refunds (application_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_refunds`);
  }
}
