import { randomUUID } from 'node:crypto';
import { signPaymentCallback } from './payment-signature';

export interface SimulatedCallback {
  rawBody: string;
  signature: string;
}

/** Builds the callback the provider would send, signed exactly as the provider signs it. */
export function simulatedCallback(
  secret: string,
  payment: { id: string; amount: number },
  status: 'PAID' | 'FAILED',
  now: Date,
): SimulatedCallback {
  const rawBody = JSON.stringify({
    paymentId: payment.id,
    providerTransactionId: `SIM-${randomUUID()}`,
    amount: payment.amount,
    status,
    paidAt: now.toISOString(),
  });
  return { rawBody, signature: signPaymentCallback(secret, rawBody) };
}
