import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface PaymentRefundRow {
  id: string;
  payment_id: string;
  application_id: string;
  amount: number;
  reason: string;
  status: 'REQUESTED' | 'REFUNDED' | 'FAILED';
  requested_at: Date;
  refunded_at: Date | null;
  confirmed_at: Date | null;
}

/** The refunds asked of the provider; the refund flow records one before asking, in its transaction. */
@Injectable()
export class PaymentRefundsRepository {
  async request(
    tx: EntityManager,
    refund: { paymentId: string; applicationId: string; amount: number; reason: string },
  ): Promise<PaymentRefundRow> {
    const [row] = await tx.query<PaymentRefundRow[]>(
      `INSERT INTO payment_refunds (payment_id, application_id, amount, reason, status)
       VALUES ($1, $2, $3, $4, 'REQUESTED') RETURNING *`,
      [refund.paymentId, refund.applicationId, refund.amount, refund.reason],
    );
    return row;
  }

  async lock(tx: EntityManager, id: string): Promise<PaymentRefundRow | null> {
    const rows = await tx.query<PaymentRefundRow[]>(
      `SELECT * FROM payment_refunds WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async confirm(
    tx: EntityManager,
    id: string,
    status: 'REFUNDED' | 'FAILED',
    refundedAt: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE payment_refunds SET status = $2, refunded_at = CASE WHEN $2 = 'REFUNDED' THEN $3::timestamptz END,
              confirmed_at = now()
        WHERE id = $1 AND status = 'REQUESTED'`,
      [id, status, refundedAt],
    );
  }
}
