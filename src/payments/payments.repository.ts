import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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

  async lock(tx: EntityManager, id: string): Promise<PaymentRow | null> {
    const rows = await tx.query<PaymentRow[]>(`SELECT * FROM payments WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** Requests still open for the application are withdrawn (it expired, was cancelled, or is paid again). */
  async cancelPending(tx: EntityManager, applicationId: string): Promise<void> {
    await tx.query(
      `UPDATE payments SET status = 'CANCELLED' WHERE application_id = $1 AND status = 'PENDING'`,
      [applicationId],
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

  /** Where the citizen is sent to pay: the provider's page (here, the local simulator's). */
  redirectUrl(paymentId: string): string {
    return `${this.env.PUBLIC_BASE_URL ?? ''}/pay/${paymentId}`;
  }
}
