import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { PaymentGateway } from '../src/payments/gateway/payment-gateway';
import { resultParams } from '../src/payments/vnpay/simulator/vnpay-simulated-gateway';
import { txnRefOf } from '../src/payments/vnpay/vnpay-messages';
import { isValidVnpQuery, vnpSignData, VnpParams } from '../src/payments/vnpay/vnpay-signing';
import { expectStatus, fillApplication, registeredCitizen, submissionKeyOf } from './browser/web-journey';
import { startTestApp, TestApp } from './support/test-app';
import {
  decideOnSimulator as decideAt,
  newGatewayApplication,
  payUrlOf as payUrlAt,
  SIM_PAY,
} from './support/vnpay-journey';
import { waitFor } from './support/wait';

const merchant = { tmnCode: 'TESTTMN1', hashSecret: 'vnpay-test-hash-secret-0123456789' };

describe('VNPAY 2.1.0 against the simulated VNPAY (PAYMENT_GATEWAY=vnpay)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        PAYMENT_GATEWAY: 'vnpay',
        VNPAY_TMN_CODE: merchant.tmnCode,
        VNPAY_HASH_SECRET: merchant.hashSecret,
      },
    });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const newApplication = () => newGatewayApplication(t.url, db);
  const payUrlOf = (redirectUrl: string) => payUrlAt(t.url, redirectUrl);
  const decideOnSimulator = (payUrl: URL, outcome: 'PAY' | 'CANCEL') => decideAt(t.url, payUrl, outcome);

  const ipn = (params: VnpParams) =>
    request(t.url)
      .get(`/api/v1/payments/vnpay/ipn?${vnpSignData(params)}&vnp_SecureHash=${params.vnp_SecureHash}`)
      .expect(200);

  const paymentRow = async (id: string) =>
    (
      await db.query<{ status: string; provider_transaction_id: string | null }[]>(
        `SELECT status, provider_transaction_id FROM payments WHERE id = $1`,
        [id],
      )
    )[0];
  const applicationStatus = async (id: string) =>
    (await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;
  const count = async (sql: string, params: unknown[]) =>
    Number((await db.query<{ n: string }[]>(sql, params))[0].n);

  /** A notice for a payment as VNPAY would sign it, with `over` changed before signing. */
  function signedNotice(
    paymentId: string,
    amount: number,
    over: VnpParams = {},
    secret = merchant.hashSecret,
  ) {
    const pay = {
      vnp_Amount: String(amount * 100),
      vnp_OrderInfo: 'Thanh toan',
      vnp_TxnRef: txnRefOf(paymentId),
      ...over,
    };
    return resultParams({ ...merchant, hashSecret: secret }, pay, {
      paid: true,
      transactionNo: String(Math.floor(Math.random() * 1e8)),
      payDate: new Date(),
    });
  }

  let paidFlow: { id: string; paymentId: string; returnUrl: URL; fee: number };

  it('a citizen applies, is sent to VNPAY (the simulator), pays; the IPN settles and the application moves to CHECKING', async () => {
    const { id, payment, fee } = await newApplication();
    expect(payment.redirectUrl).toMatch(new RegExp(`/api/v1/payments/${payment.id}/checkout$`));

    const payUrl = await payUrlOf(payment.redirectUrl);
    expect(payUrl.pathname).toBe(SIM_PAY);
    const sent = Object.fromEntries(payUrl.searchParams);
    expect(isValidVnpQuery(merchant.hashSecret, sent)).toBe(true);
    expect(sent).toMatchObject({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: merchant.tmnCode,
      vnp_Amount: String(fee * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: txnRefOf(payment.id),
      vnp_Locale: 'vn',
      vnp_ReturnUrl: `${t.url}/payments/vnpay/return`,
      vnp_IpAddr: '127.0.0.1',
    });
    expect(sent.vnp_CreateDate).toMatch(/^\d{14}$/);
    expect(sent.vnp_ExpireDate > sent.vnp_CreateDate).toBe(true);
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'PENDING' }); // opening the page changes nothing

    const returnUrl = await decideOnSimulator(payUrl, 'PAY');
    expect(`${returnUrl.origin}${returnUrl.pathname}`).toBe(`${t.url}/payments/vnpay/return`);
    // The simulator called the IPN before sending the browser back: the payment is settled.
    const row = await paymentRow(payment.id);
    expect(row.status).toBe('PAID');
    expect(row.provider_transaction_id).toBe(
      `VNPAY-${returnUrl.searchParams.get('vnp_TransactionNo')}-${txnRefOf(payment.id)}`,
    );
    expect(await applicationStatus(id)).toBe('CHECKING');
    const audit = await db.query<{ actor_kind: string; actor_id: string }[]>(
      `SELECT actor_kind, actor_id FROM audit_log WHERE application_id = $1 AND action = 'PAY'`,
      [id],
    );
    expect(audit).toEqual([expect.objectContaining({ actor_kind: 'provider', actor_id: 'vnpay' })]);

    const landing = await request(t.url).get(`${returnUrl.pathname}${returnUrl.search}`).expect(200);
    expect(landing.text).toContain('đã được ghi nhận');
    paidFlow = { id, paymentId: payment.id, returnUrl, fee };
  });

  it('a replayed IPN answers 02 and applies nothing twice', async () => {
    const replay = Object.fromEntries(paidFlow.returnUrl.searchParams);
    const before = await count(`SELECT count(*) AS n FROM audit_log WHERE application_id = $1`, [
      paidFlow.id,
    ]);
    const res = await ipn(replay);
    expect(res.body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE application_id = $1`, [paidFlow.id])).toBe(
      before,
    );
    expect(
      await count(`SELECT count(*) AS n FROM payment_callbacks WHERE payment_id = $1`, [paidFlow.paymentId]),
    ).toBe(1);
  });

  it('a bad signature answers 97 and changes nothing', async () => {
    const { id, payment, fee } = await newApplication();
    const forged = signedNotice(payment.id, fee, {}, 'not-the-merchant-secret-0123456789');
    expect((await ipn(forged)).body).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    const tampered = {
      ...signedNotice(payment.id, fee),
      vnp_ResponseCode: '00',
      vnp_Amount: String(fee * 100 + 100),
    };
    expect((await ipn({ ...tampered, vnp_TransactionStatus: '00' })).body.RspCode).toBe('97');
    const unsigned = await request(t.url)
      .get(`/api/v1/payments/vnpay/ipn?vnp_TxnRef=${txnRefOf(payment.id)}`)
      .expect(200);
    expect(unsigned.body.RspCode).toBe('97');
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'PENDING' });
    expect(await applicationStatus(id)).toBe('AWAITING_PAYMENT');
    expect(
      await count(`SELECT count(*) AS n FROM payment_callbacks WHERE payment_id = $1`, [payment.id]),
    ).toBe(0);
  });

  it('a wrong amount answers 04 and an unknown TxnRef 01, changing nothing', async () => {
    const { id, payment, fee } = await newApplication();
    expect((await ipn(signedNotice(payment.id, fee + 1000))).body).toEqual({
      RspCode: '04',
      Message: 'Invalid amount',
    });
    expect(
      (await ipn(signedNotice(payment.id, fee, { vnp_Amount: String(fee * 100 + 50) }))).body.RspCode,
    ).toBe('04');
    expect((await ipn(signedNotice(randomUUID(), fee))).body).toEqual({
      RspCode: '01',
      Message: 'Order not found',
    });
    expect((await ipn(signedNotice(payment.id, fee, { vnp_TxnRef: '12345' }))).body.RspCode).toBe('01');
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'PENDING' });
    expect(await applicationStatus(id)).toBe('AWAITING_PAYMENT');
  });

  it('a cancelled payment is recorded as failed; the return page says so and the citizen may pay again', async () => {
    const { id, payment } = await newApplication();
    const returnUrl = await decideOnSimulator(await payUrlOf(payment.redirectUrl), 'CANCEL');
    expect(returnUrl.searchParams.get('vnp_ResponseCode')).toBe('24');
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'FAILED' });
    expect(await applicationStatus(id)).toBe('AWAITING_PAYMENT');
    const landing = await request(t.url).get(`${returnUrl.pathname}${returnUrl.search}`).expect(200);
    expect(landing.text).toContain('mã VNPAY 24');
    // The old link leads nowhere now: a new attempt is a new payment.
    await request(t.url).get(new URL(payment.redirectUrl, t.url).pathname).expect(409);
  });

  it('a tampered return URL is shown as unverified and changes nothing; a tampered payment URL is refused by VNPAY', async () => {
    const { payment, fee } = await newApplication();
    const notice = signedNotice(payment.id, fee);
    const query = `${vnpSignData({ ...notice, vnp_ResponseCode: '00' })}&vnp_SecureHash=${'0'.repeat(128)}`;
    const landing = await request(t.url).get(`/payments/vnpay/return?${query}`).expect(400);
    expect(landing.text).toContain('Không xác minh được');
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'PENDING' });

    const payUrl = await payUrlOf(payment.redirectUrl);
    payUrl.searchParams.set('vnp_Amount', '100');
    const refused = await request(t.url).get(`${payUrl.pathname}${payUrl.search}`).expect(400);
    expect(refused.text).toContain('vnp_SecureHash does not match');
  });

  it('on the web, the pay link sends a signed-in citizen to VNPAY in their language and back to the result', async () => {
    const c = await registeredCitizen(t.url, db, 'en');
    const { checkPage } = await fillApplication(c);
    const sent = expectStatus(
      await c.client.post('/apply/check', { submissionKey: submissionKeyOf(checkPage) }),
      303,
      'POST /apply/check',
    );
    const applicationId = /\/apply\/confirmation\/([0-9a-f-]{36})$/.exec(sent.location!)![1];
    const confirmation = expectStatus(await c.client.get(sent.location!), 200, 'GET confirmation');
    const paymentId = /href="\/pay\/([0-9a-f-]{36})"/.exec(confirmation.text)![1];

    const toVnpay = expectStatus(await c.client.get(`/pay/${paymentId}`), 302, 'GET /pay');
    const payUrl = new URL(toVnpay.location!);
    expect(payUrl.pathname).toBe(SIM_PAY);
    expect(payUrl.searchParams.get('vnp_Locale')).toBe('en');
    expectStatus(await c.client.get(`${payUrl.pathname}${payUrl.search}`), 200, 'GET VNPAY page');
    const back = expectStatus(
      await c.client.post(SIM_PAY, { query: payUrl.search.slice(1), outcome: 'PAY' }),
      303,
      'POST VNPAY page',
    );
    const returnUrl = new URL(back.location!);
    const result = expectStatus(
      await c.client.get(`${returnUrl.pathname}${returnUrl.search}`),
      200,
      'GET return',
    );
    expect(result.text).toContain('The payment is recorded on your application');
    expect(await applicationStatus(applicationId)).toBe('CHECKING');
    // Someone else's payment is not theirs to open.
    const other = await newApplication();
    expectStatus(await c.client.get(`/pay/${other.payment.id}`), 404, "GET someone else's /pay");
  });

  it('querydr reads the payment back and refunds are requested, partial then refused beyond what is left', async () => {
    const gateway = t.app.get(PaymentGateway);
    const [p] = await db.query<
      { id: string; amount: number; created_at: Date; provider_transaction_id: string }[]
    >(`SELECT id, amount, created_at, provider_transaction_id FROM payments WHERE id = $1`, [
      paidFlow.paymentId,
    ]);
    const payment = {
      id: p.id,
      amount: p.amount,
      createdAt: p.created_at,
      providerTransactionId: p.provider_transaction_id,
    };
    expect(await gateway.queryTransaction(payment)).toEqual({
      found: true,
      paid: true,
      amount: paidFlow.fee,
      transactionNo: paidFlow.returnUrl.searchParams.get('vnp_TransactionNo'),
      providerTransactionId: payment.providerTransactionId,
      gatewayStatus: 'transaction status 00',
    });
    expect(await gateway.queryTransaction({ ...payment, id: randomUUID() })).toMatchObject({
      found: false,
      paid: false,
    });

    expect(await gateway.requestRefund(payment, 10000, 'Hoàn một phần')).toMatchObject({
      status: 'ACCEPTED',
      gatewayCode: '00',
    });
    expect(await gateway.requestRefund(payment, payment.amount, 'Hoàn toàn bộ')).toMatchObject({
      status: 'REFUSED',
      gatewayCode: '04',
    });
    expect(await gateway.requestRefund(payment, payment.amount - 5000, 'Quá số còn lại')).toMatchObject({
      status: 'REFUSED',
      gatewayCode: '93',
    });
  });
});

describe('VNPAY refunds in the whole journey (api and worker in one process)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({
      role: 'all',
      env: {
        PAYMENT_GATEWAY: 'vnpay',
        VNPAY_TMN_CODE: merchant.tmnCode,
        VNPAY_HASH_SECRET: merchant.hashSecret,
      },
    });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const applicationStatus = async (id: string) =>
    (await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;
  const count = async (sql: string, params: unknown[]) =>
    Number((await db.query<{ n: string }[]>(sql, params))[0].n);

  const newApplication = () => newGatewayApplication(t.url, db);
  const payOnSimulator = async (redirectUrl: string) =>
    decideAt(t.url, await payUrlAt(t.url, redirectUrl), 'PAY');

  it('refunds through VNPAY a fee paid for an application the records refuse after payment', async () => {
    const { c, id, payment, fee } = await newApplication();
    // A fine arrives between the submission and the payment: the checks after payment refuse it.
    await db.query(
      `INSERT INTO violations (id, plate, national_id, amount, paid, occurred_on) VALUES ($1, NULL, $2, 300000, false, CURRENT_DATE)`,
      [`V-vnpay-${c.number}`, c.driver.nationalId],
    );
    await payOnSimulator(payment.redirectUrl);
    const refund = await waitFor(async () => {
      const [row] = await db.query<{ status: string; amount: number; provider_refund_id: string | null }[]>(
        `SELECT status, amount, provider_refund_id FROM payment_refunds WHERE application_id = $1`,
        [id],
      );
      return row?.status === 'REFUNDED' ? row : undefined;
    }, 'the VNPAY refund');
    expect(refund).toEqual({ status: 'REFUNDED', amount: fee, provider_refund_id: '00' });
    expect(await applicationStatus(id)).toBe('REJECTED');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1 AND action = 'REFUNDED'`,
        [id],
      ),
    ).toBe(1);
  });
});
