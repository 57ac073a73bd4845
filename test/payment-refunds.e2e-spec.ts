import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { signPaymentCallback } from '../src/payments/payment-signature';
import { PaymentRefundsRepository } from '../src/payments/refunds/payment-refunds.repository';
import { citizenWithLicence, payWithSimulator, submitApplication } from './support/case-fixtures';
import { applicationBody, uploadPhoto } from './support/citizen-journey';
import { startTestApp, TestApp } from './support/test-app';

const SECRET = 'test-payment-callback-secret'; // testEnvironment's PAYMENT_CALLBACK_SECRET

/** POST /api/v1/payments/refund-callback of the generic protocol (API.md). */
describe('refund callback (generic provider)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  async function paidApplication() {
    const c = await citizenWithLicence(t.url, db);
    const photo = await uploadPhoto(t.url, c.token);
    const res = await submitApplication(
      t.url,
      c.token,
      applicationBody(c.number, photo, { healthCertificateNumber: c.certificate }),
    );
    expect(res.status).toBe(201);
    await payWithSimulator(t.url, res.body.payment.id);
    return {
      applicationId: res.body.id as string,
      paymentId: res.body.payment.id as string,
      amount: res.body.fee.amount as number,
    };
  }

  const send = (body: unknown, signature?: string) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return request(t.url)
      .post('/api/v1/payments/refund-callback')
      .set('content-type', 'application/json')
      .set('x-signature', signature ?? signPaymentCallback(SECRET, raw))
      .send(raw);
  };
  const refundRow = async (id: string) =>
    (
      await db.query<{ status: string; refunded_at: Date | null }[]>(
        `SELECT status, refunded_at FROM payment_refunds WHERE id = $1`,
        [id],
      )
    )[0];
  const audits = async (applicationId: string) =>
    db.query<{ action: string; actor_kind: string }[]>(
      `SELECT action, actor_kind FROM audit_log WHERE application_id = $1 AND action IN ('REFUNDED', 'REFUND_FAILED')`,
      [applicationId],
    );

  it('applies a signed confirmation of a requested refund once, and refuses everything else', async () => {
    const paid = await paidApplication();
    const refund = await t.app.get(PaymentRefundsRepository).request(db.manager, {
      paymentId: paid.paymentId,
      applicationId: paid.applicationId,
      amount: paid.amount,
      reason: 'the application was refused',
    });
    const body = {
      refundId: refund.id,
      paymentId: paid.paymentId,
      amount: paid.amount,
      status: 'REFUNDED',
      refundedAt: '2026-11-28T10:00:00Z',
    };

    const forged = await send(body, signPaymentCallback('another-secret', JSON.stringify(body))).expect(401);
    expect(forged.body.detail).toMatch(/X-Signature/);
    await send({ ...body, refundId: randomUUID() }).expect(404);
    await send({ ...body, paymentId: randomUUID() }).expect(404);
    const wrongAmount = await send({ ...body, amount: paid.amount - 1 }).expect(422);
    expect(wrongAmount.body.detail).toMatch(/does not match/);
    const invalid = await send({ ...body, status: 'DONE', refundedAt: 'yesterday' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'refundedAt',
      'status',
    ]);
    await send('{"refundId":').expect(400);
    expect(await refundRow(refund.id)).toMatchObject({ status: 'REQUESTED', refunded_at: null });
    expect(await audits(paid.applicationId)).toEqual([]);

    expect((await send(body).expect(200)).body).toEqual({
      refundId: refund.id,
      status: 'REFUNDED',
      result: 'APPLIED',
    });
    expect(await refundRow(refund.id)).toEqual({
      status: 'REFUNDED',
      refunded_at: new Date('2026-11-28T10:00:00Z'),
    });
    expect((await send(body).expect(200)).body.result).toBe('DUPLICATE');
    const contrary = await send({ ...body, status: 'FAILED' }).expect(409);
    expect(contrary.body.detail).toMatch(/cannot become FAILED/);
    expect(await audits(paid.applicationId)).toEqual([{ action: 'REFUNDED', actor_kind: 'provider' }]);
  });

  it('records a failed refund as final', async () => {
    const paid = await paidApplication();
    const refund = await t.app.get(PaymentRefundsRepository).request(db.manager, {
      paymentId: paid.paymentId,
      applicationId: paid.applicationId,
      amount: 50000,
      reason: 'partial refund',
    });
    const body = {
      refundId: refund.id,
      paymentId: paid.paymentId,
      amount: 50000,
      status: 'FAILED',
      refundedAt: '2026-11-28T10:00:00Z',
    };
    expect((await send(body).expect(200)).body.result).toBe('APPLIED');
    expect(await refundRow(refund.id)).toEqual({ status: 'FAILED', refunded_at: null });
    await send({ ...body, status: 'REFUNDED' }).expect(409);
    expect(await audits(paid.applicationId)).toEqual([{ action: 'REFUND_FAILED', actor_kind: 'provider' }]);
  });
});
