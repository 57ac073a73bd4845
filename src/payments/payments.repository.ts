import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StatementRider } from '../database/statement-rider';
import { Environment } from '../config/environment';

export interface PaymentRow {
  id: string;
  application_id: string;
  amount: number;
  currency: string;
  status: 'PENDING' | 'PAID' | 'FAILED' | 'CANCELLED';
  provider_transaction_id: string | null;
  created_at: Date;
  settled_at: Date | null;
}

export interface PaymentForGateway {
  id: string;
  amount: number;
  status: PaymentRow['status'];
  createdAt: Date;
  providerTransactionId: string | null;
  applicationId: string;
  reference: string;
  applicationStatus: string;
  dueBy: Date;
  provinceCode: string;
}

@Injectable()
export class PaymentsRepository {
  constructor(private readonly env: Environment) {}

  async create(tx: EntityManager, applicationId: string, amount: number): Promise<PaymentRow> {
    const [row] = await tx.query<PaymentRow[]>(
      `INSERT INTO payments (application_id, amount, status) VALUES ($1, $2, 'PENDING') RETURNING *`,
      [applicationId, amount],
    );
    return row;
  }

  /**
   * Locks the payment a provider's callback names and tells whether that provider transaction was
   * applied before, in one statement (the payment may not exist: then only `seen` is answered).
   */
  async lockForCallback(
    tx: EntityManager,
    id: string,
    providerTransactionId: string,
  ): Promise<{ payment: PaymentRow | null; seen: boolean }> {
    const [row] = await tx.query<(PaymentRow & { callback_seen: boolean })[]>(
      `SELECT p.*, EXISTS (SELECT 1 FROM payment_callbacks WHERE provider_transaction_id = $2) AS callback_seen
       FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT * FROM payments WHERE id = $1 FOR UPDATE) AS p ON true`,
      [id, providerTransactionId],
    );
    const { callback_seen: seen, ...payment } = row;
    return { payment: payment.id == null ? null : payment, seen };
  }

  /** Requests still open for the application(s) are withdrawn (expired, cancelled, or paid again). */
  async cancelPending(tx: EntityManager, applicationIds: string | string[]): Promise<void> {
    const ids = typeof applicationIds === 'string' ? [applicationIds] : applicationIds;
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE payments SET status = 'CANCELLED' WHERE application_id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [ids],
    );
  }

  async markPaid(tx: EntityManager, id: string, providerTransactionId: string, paidAt: Date | string) {
    await tx.query(
      `UPDATE payments SET status = 'PAID', provider_transaction_id = $2, settled_at = $3 WHERE id = $1`,
      [id, providerTransactionId, paidAt],
    );
  }

  async markFailed(tx: EntityManager, id: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE payments SET status = 'FAILED', failure_reason = $2, settled_at = now() WHERE id = $1 AND status = 'PENDING'`,
      [id, reason],
    );
  }

  /**
   * Where the citizen is sent to pay: the generic provider's page (here, the local simulator's), or for
   * VNPAY our checkout link, which signs the VNPAY URL with the citizen's address when it is opened.
   */
  redirectUrl(paymentId: string): string {
    const base = this.env.PUBLIC_BASE_URL ?? '';
    return this.env.PAYMENT_GATEWAY === 'vnpay'
      ? `${base}/api/v1/payments/${paymentId}/checkout`
      : `${base}/pay/${paymentId}`;
  }

  /** A payment with what a gateway and its checks need: its application's reference, state and deadline. */
  async findForGateway(db: EntityManager | DataSource, id: string): Promise<PaymentForGateway | null> {
    const rows = await db.query<PaymentForGateway[]>(
      `SELECT p.id, p.amount, p.status, p.created_at AS "createdAt",
              p.provider_transaction_id AS "providerTransactionId", p.application_id AS "applicationId",
              a.reference, a.status AS "applicationStatus", a.payment_due_by AS "dueBy",
              a.province_code AS "provinceCode"
         FROM payments p JOIN applications a ON a.id = p.application_id WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}

/** The payment settled and its callback recorded as APPLIED, as writes another statement carries. */
const PAID_AND_RECORDED = (first: number) => {
  const p = (i: number) => `$${first + i}`;
  return `paid_payment AS (
    UPDATE payments SET status = 'PAID', provider_transaction_id = ${p(0)}::text, settled_at = ${p(1)}::timestamptz
    WHERE id = ${p(2)}::uuid
  ), paid_callback AS (
    INSERT INTO payment_callbacks (provider_transaction_id, payment_id, status, amount, result)
    VALUES (${p(0)}::text, ${p(2)}::uuid, ${p(3)}::text, ${p(4)}::int, 'APPLIED')
  )`;
};

/** What markPaid writes, and the callback's record, riding with the PAY step's audit entry. */
export function paidAndRecorded(
  paymentId: string,
  settlement: { providerTransactionId: string; paidAt: Date | string; status: string; amount: number },
): StatementRider {
  return {
    ctes: PAID_AND_RECORDED,
    params: [
      settlement.providerTransactionId,
      settlement.paidAt,
      paymentId,
      settlement.status,
      settlement.amount,
    ],
  };
}

const PAYMENT_REQUESTED = (first: number) =>
  `requested_payment AS (
    INSERT INTO payments (id, application_id, amount, status) VALUES ($${first}::uuid, $${first + 1}::uuid, $${first + 2}::int, 'PENDING')
  )`;

/**
 * A new application's payment request (its id made by the caller, so that nothing is read back), as a
 * write another statement carries: the submission's audit entry.
 */
export function paymentRequested(paymentId: string, applicationId: string, amount: number): StatementRider {
  return { ctes: PAYMENT_REQUESTED, params: [paymentId, applicationId, amount] };
}
