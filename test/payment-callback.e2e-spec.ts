import request from 'supertest';
import { DataSource } from 'typeorm';
import { auditKeyFrom } from '../src/audit/audit-hash';
import { verifyAuditLog } from '../src/audit/audit-verifier';
import { DEVELOPMENT_AUDIT_HMAC_KEY } from '../src/config/environment';
import { PaymentCallbackService } from '../src/payments/payment-callback.service';
import { signPaymentCallback } from '../src/payments/payment-signature';
import { awaitingPayment } from './support/case-fixtures';
import { statementCounter } from './support/statement-counter';
import { startTestAppWithDb, stopTestAppWithDb, TestApp } from './support/test-app';

/**
 * The provider's word on a payment, case by case: what the payment, its callback record, the
 * application, the refunds and the audit log say afterwards.
 */
describe('POST /payments/callback: what each settlement leaves behind', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, db } = await startTestAppWithDb());
  });
  afterAll(() => stopTestAppWithDb(t, db));

  const pendingPayment = async () => {
    const p = await awaitingPayment(t.url, db);
    return { ...p, token: p.citizen.token };
  };
  const settlement = (p: { paymentId: string; amount: number }, over: Record<string, unknown> = {}) => ({
    paymentId: p.paymentId,
    providerTransactionId: `T-${p.paymentId}`,
    amount: p.amount,
    status: 'PAID' as const,
    paidAt: new Date().toISOString(),
    ...over,
  });
  async function callback(body: object) {
    const raw = JSON.stringify(body);
    const res = await request(t.url)
      .post('/api/v1/payments/callback')
      .set('content-type', 'application/json')
      .set('x-signature', signPaymentCallback(t.env.PAYMENT_CALLBACK_SECRET, raw))
      .send(raw)
      .expect(200);
    return res.body.result as string;
  }
  const paymentOf = async (id: string) =>
    (
      await db.query<{ status: string; provider_transaction_id: string | null; settled_at: Date | null }[]>(
        `SELECT status, provider_transaction_id, settled_at FROM payments WHERE id = $1`,
        [id],
      )
    )[0];
  const callbacksOf = (paymentId: string) =>
    db.query<{ provider_transaction_id: string; result: string }[]>(
      `SELECT provider_transaction_id, result FROM payment_callbacks WHERE payment_id = $1 ORDER BY received_at`,
      [paymentId],
    );
  const actionsOf = async (applicationId: string) =>
    (
      await db.query<{ action: string }[]>(
        `SELECT action FROM audit_log WHERE application_id = $1 ORDER BY id`,
        [applicationId],
      )
    ).map((a) => a.action);

  it('settles a good payment in the statement of its audit entry: payment, callback record, step', async () => {
    const p = await pendingPayment();
    const counted = statementCounter(t.app.get(DataSource));
    const actor = {
      kind: 'provider' as const,
      id: 'payment-provider',
      role: 'provider' as const,
      ip: '127.0.0.1',
    };
    const { value, statements, texts } = await counted(() =>
      t.app.get(PaymentCallbackService).settle(settlement(p), actor),
    );
    expect(value.result).toBe('APPLIED');
    // BEGIN, the payment's lock, the move, the audit entry carrying the rest, COMMIT.
    expect(statements).toBe(5);
    expect(texts.filter((q) => /payment_callbacks/.test(q) && /INSERT INTO audit_log/.test(q))).toHaveLength(
      1,
    );
    expect(await paymentOf(p.paymentId)).toMatchObject({
      status: 'PAID',
      provider_transaction_id: `T-${p.paymentId}`,
      settled_at: expect.any(Date),
    });
    expect(await callbacksOf(p.paymentId)).toEqual([
      { provider_transaction_id: `T-${p.paymentId}`, result: 'APPLIED' },
    ]);
    const [app] = await db.query<{ status: string; paid_at: Date | null }[]>(
      `SELECT status, paid_at FROM applications WHERE id = $1`,
      [p.id],
    );
    expect(app.status).toBe('CHECKING');
    expect(app.paid_at).toEqual(expect.any(Date));
    expect(await callback(settlement(p))).toBe('DUPLICATE');
  });

  it('keeps money that arrives after the citizen cancelled as paid, and gives it back', async () => {
    const p = await pendingPayment();
    await request(t.url)
      .post(`/api/v1/applications/${p.id}/cancel`)
      .set('authorization', `Bearer ${p.token}`)
      .send({ reason: 'Tôi đổi ý' })
      .expect(200);
    expect(await callback(settlement(p))).toBe('REFUND_DUE');
    expect((await paymentOf(p.paymentId)).status).toBe('PAID');
    expect(await callbacksOf(p.paymentId)).toEqual([
      { provider_transaction_id: `T-${p.paymentId}`, result: 'REFUND_DUE' },
    ]);
    const refunds = await db.query<{ amount: number }[]>(
      `SELECT amount FROM payment_refunds WHERE payment_id = $1`,
      [p.paymentId],
    );
    expect(refunds).toEqual([{ amount: p.amount }]);
    expect(await actionsOf(p.id)).toContain('REFUND_DUE');
    expect(await callback(settlement(p))).toBe('DUPLICATE');
  });

  it('records a second payment under another transaction as money to give back, and a declined one as failed', async () => {
    const paidTwice = await pendingPayment();
    expect(await callback(settlement(paidTwice))).toBe('APPLIED');
    expect(
      await callback(settlement(paidTwice, { providerTransactionId: `T2-${paidTwice.paymentId}` })),
    ).toBe('REFUND_DUE');
    expect((await callbacksOf(paidTwice.paymentId)).map((c) => c.result)).toEqual(['APPLIED', 'REFUND_DUE']);

    const declined = await pendingPayment();
    expect(await callback(settlement(declined, { status: 'FAILED' }))).toBe('PAYMENT_FAILED');
    expect((await paymentOf(declined.paymentId)).status).toBe('FAILED');
    expect(await callbacksOf(declined.paymentId)).toEqual([
      { provider_transaction_id: `T-${declined.paymentId}`, result: 'PAYMENT_FAILED' },
    ]);
    expect(await actionsOf(declined.id)).toContain('PAYMENT_FAILED');
  });

  it('applies one provider transaction once when it arrives for two payments at the same moment', async () => {
    const [first, second] = await Promise.all([pendingPayment(), pendingPayment()]);
    const shared = `T-shared-${first.paymentId}`;
    const results = await Promise.all(
      [first, second].map((p) => callback(settlement(p, { providerTransactionId: shared }))),
    );
    expect(results.sort()).toEqual(['APPLIED', 'DUPLICATE']);
    const [{ paid }] = await db.query<{ paid: number }[]>(
      `SELECT count(*)::int AS paid FROM payments WHERE id = ANY($1::uuid[]) AND status = 'PAID'`,
      [[first.paymentId, second.paymentId]],
    );
    expect(paid).toBe(1);
    const verified = await verifyAuditLog(db, { key: auditKeyFrom(DEVELOPMENT_AUDIT_HMAC_KEY) });
    expect(verified.problems).toEqual([]);
  });
});
