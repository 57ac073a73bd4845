import { EntityManager } from 'typeorm';
import { addToOutbox } from '../outbox/outbox';
import { refundJob } from './refund-jobs';

export interface RequestedRefund {
  id: string;
  paymentId: string;
  amount: number;
}

/**
 * Asks for the fee back, in the caller's transaction: one refund per settled payment of the
 * application, requested through the outbox. A payment already being refunded is not refunded again
 * (one refund row per payment), so calling this twice changes nothing the second time.
 */
export async function refundPaidFees(
  tx: EntityManager,
  applicationId: string,
  reason: string,
  paymentId?: string,
): Promise<RequestedRefund[]> {
  const refunds = await tx.query<RequestedRefund[]>(
    `INSERT INTO payment_refunds (payment_id, application_id, amount, reason)
     SELECT p.id, p.application_id, p.amount, $2 FROM payments p
     WHERE p.application_id = $1 AND p.status = 'PAID' AND ($3::uuid IS NULL OR p.id = $3)
     ON CONFLICT (payment_id) DO NOTHING
     RETURNING id, payment_id AS "paymentId", amount`,
    [applicationId, reason, paymentId ?? null],
  );
  await addToOutbox(
    tx,
    refunds.map((r) => refundJob(r.id)),
  );
  return refunds;
}
