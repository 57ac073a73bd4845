import type { GatewayTransaction } from '../gateway/payment-gateway';

export interface OurPayment {
  status: 'PENDING' | 'PAID' | 'FAILED' | 'CANCELLED';
  amount: number;
  providerTransactionId: string | null;
}

/**
 * How our record of a payment and the gateway's disagree, in a sentence for the supervisor, or null
 * when they agree. A payment the citizen never completed (pending here, absent or unpaid there) agrees.
 */
export function paymentDifference(ours: OurPayment, theirs: GatewayTransaction): string | null {
  if (theirs.paid && ours.status !== 'PAID') {
    return `the gateway took ${theirs.amount ?? '?'} VND (transaction ${theirs.transactionNo ?? '?'}) but our payment is ${ours.status}: money was received that no application records`;
  }
  if (!theirs.paid && ours.status === 'PAID') {
    return `our payment is PAID but the gateway has no successful transaction (${theirs.gatewayStatus})`;
  }
  if (!theirs.paid) return null;
  if (theirs.amount !== ours.amount) {
    return `the gateway took ${theirs.amount ?? '?'} VND but we recorded ${ours.amount} VND`;
  }
  if (theirs.providerTransactionId !== ours.providerTransactionId) {
    return `we recorded transaction ${ours.providerTransactionId ?? 'none'} but the gateway reports ${theirs.providerTransactionId ?? theirs.transactionNo ?? 'none'}`;
  }
  return null;
}
