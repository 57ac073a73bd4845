import type { GatewayTransaction } from '../gateway/payment-gateway';
import { paymentDifference } from './payment-difference';

const paidThere: GatewayTransaction = {
  found: true,
  paid: true,
  amount: 135000,
  transactionNo: '14000001',
  providerTransactionId: 'VNPAY-14000001-ref',
  gatewayStatus: 'transaction status 00',
};
const absent: GatewayTransaction = {
  found: false,
  paid: false,
  amount: null,
  transactionNo: null,
  providerTransactionId: null,
  gatewayStatus: 'not found (91)',
};
const paidHere = { status: 'PAID' as const, amount: 135000, providerTransactionId: 'VNPAY-14000001-ref' };

describe('paymentDifference', () => {
  it('agrees when both say paid, the same amount under the same transaction', () => {
    expect(paymentDifference(paidHere, paidThere)).toBeNull();
  });

  it('agrees on a payment the citizen never completed', () => {
    expect(
      paymentDifference({ status: 'PENDING', amount: 135000, providerTransactionId: null }, absent),
    ).toBeNull();
    expect(
      paymentDifference(
        { status: 'FAILED', amount: 135000, providerTransactionId: null },
        { ...absent, found: true, gatewayStatus: 'transaction status 02' },
      ),
    ).toBeNull();
  });

  it('names money taken that we did not record', () => {
    expect(
      paymentDifference({ status: 'PENDING', amount: 135000, providerTransactionId: null }, paidThere),
    ).toMatch(/took 135000 VND \(transaction 14000001\) but our payment is PENDING/);
    expect(paymentDifference({ ...paidHere, status: 'CANCELLED' }, paidThere)).toMatch(/CANCELLED/);
  });

  it('names a payment we hold as paid that the gateway does not', () => {
    expect(paymentDifference(paidHere, absent)).toMatch(/no successful transaction \(not found \(91\)\)/);
  });

  it('names another amount or another transaction', () => {
    expect(paymentDifference(paidHere, { ...paidThere, amount: 100000 })).toMatch(
      /took 100000 VND but we recorded 135000/,
    );
    expect(paymentDifference(paidHere, { ...paidThere, providerTransactionId: 'VNPAY-9-ref' })).toMatch(
      /VNPAY-9-ref/,
    );
  });
});
