import { signPaymentCallback } from '../../src/payments/payment-signature';
import type { WorkItem } from '../database/stage-database';
import type { BenchHttpClient } from '../support/http-client';
import { Handoff } from './handoff';

export interface Submitted {
  seq: number;
  applicationId: string;
  paymentId: string;
  amount: number;
}

export interface PartyCounts {
  submitted: number;
  submitRefused: Record<string, number>;
  paid: number;
  paymentRefused: Record<string, number>;
  /** First few refusals with the service's words, to tell why. */
  samples: string[];
}

export function emptyCounts(): PartyCounts {
  return { submitted: 0, submitRefused: {}, paid: 0, paymentRefused: {}, samples: [] };
}

const note = (counts: PartyCounts, what: string, status: number, body: unknown) => {
  if (counts.samples.length < 10)
    counts.samples.push(`${what} ${status}: ${JSON.stringify(body).slice(0, 300)}`);
};

/**
 * `clients` citizens send the workload's applications, each with its own token and Idempotency-Key;
 * every 201 is handed to the payment provider. A refused submission is counted by status and not
 * retried (the workload only holds applications the service should take).
 */
export async function runCitizens(
  http: BenchHttpClient,
  items: WorkItem[],
  clients: number,
  paid: Handoff<Submitted>,
  counts: PartyCounts,
  shouldStop: () => boolean,
): Promise<void> {
  let next = 0;
  const citizen = async () => {
    while (next < items.length && !shouldStop()) {
      const item = items[next++];
      const res = await http.send<{ id: string; fee: { amount: number }; payment: { id: string } }>(
        'POST /applications',
        'POST',
        '/api/v1/applications',
        {
          body: item.body,
          headers: { authorization: `Bearer ${item.token}`, 'idempotency-key': item.idempotencyKey },
        },
      );
      if (res.status === 201) {
        counts.submitted++;
        paid.push({
          seq: item.seq,
          applicationId: res.body.id,
          paymentId: res.body.payment.id,
          amount: res.body.fee.amount,
        });
      } else {
        counts.submitRefused[res.status] = (counts.submitRefused[res.status] ?? 0) + 1;
        note(counts, 'submit', res.status, res.body);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, citizen));
  } finally {
    paid.close(); // the provider stops once it has paid what was handed over, even after a failure
  }
}

/**
 * The payment provider: `payers` callbacks in flight, each signed with HMAC-SHA256 over the exact
 * bytes sent, as the real provider signs them.
 */
export async function runPaymentProvider(
  http: BenchHttpClient,
  secret: string,
  payers: number,
  toPay: Handoff<Submitted>,
  counts: PartyCounts,
  runId: string,
): Promise<void> {
  const payer = async () => {
    for (let s = await toPay.take(); s; s = await toPay.take()) {
      const raw = JSON.stringify({
        paymentId: s.paymentId,
        providerTransactionId: `bench-${runId}-${s.seq}`,
        amount: s.amount,
        status: 'PAID',
        paidAt: new Date().toISOString(),
      });
      const res = await http.send<{ result: string }>(
        'POST /payments/callback',
        'POST',
        '/api/v1/payments/callback',
        {
          body: raw,
          headers: { 'x-signature': signPaymentCallback(secret, raw) },
        },
      );
      if (res.status === 200 && res.body.result === 'APPLIED') counts.paid++;
      else {
        const key = `${res.status}${res.status === 200 ? ` ${res.body.result}` : ''}`;
        counts.paymentRefused[key] = (counts.paymentRefused[key] ?? 0) + 1;
        note(counts, 'payment', res.status, res.body);
      }
    }
  };
  await Promise.all(Array.from({ length: payers }, payer));
}
