import net from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { vietnamDateOf } from '../src/common/working-days';
import { dataSourceOptions } from '../src/database/data-source-options';
import { PaymentReconciliationService } from '../src/payments/reconciliation/payment-reconciliation.service';
import { paymentReconciliationJob } from '../src/payments/reconciliation/reconciliation-jobs';
import { txnRefOf } from '../src/payments/vnpay/vnpay-messages';
import { QUEUES } from '../src/queue/queue-names';
import { QueueRegistry } from '../src/queue/queue-registry';
import { createStaffAndSignIn } from './support/factories/accounts';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { newGatewayApplication } from './support/vnpay-journey';
import { waitFor } from './support/wait';

const merchant = { tmnCode: 'TESTTMN2', hashSecret: 'vnpay-reconciliation-secret-012345' };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The daily reconciliation against the simulated VNPAY, whose merchant API is reached through a proxy
 * the test can cut: "VNPAY down" is a refused connection, as in life.
 */
describe('daily payment reconciliation with VNPAY querydr', () => {
  let t: TestApp;
  let db: DataSource;
  let proxy: TcpProxy;
  let apiPort: number;
  const today = vietnamDateOf(new Date());

  beforeAll(async () => {
    apiPort = await freePort();
    t = await startTestApp({
      role: 'all',
      env: {
        PAYMENT_GATEWAY: 'vnpay',
        VNPAY_TMN_CODE: merchant.tmnCode,
        VNPAY_HASH_SECRET: merchant.hashSecret,
        VNPAY_API_URL: `http://127.0.0.1:${apiPort}/sim/vnpay/merchant_webapi/api/transaction`,
        JOB_ATTEMPTS: '2',
      },
    });
    proxy = new TcpProxy('127.0.0.1', Number(new URL(t.url).port));
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await proxy.stop();
    await db.destroy();
    await t.close();
  });

  async function newPayment() {
    const { id, payment, fee } = await newGatewayApplication(t.url, db);
    return { applicationId: id, paymentId: payment.id, amount: fee };
  }

  /** What VNPAY's ledger holds: the simulator's, as if the citizen had paid there. */
  async function paidAtVnpay(paymentId: string, amount: number, transactionNo: number) {
    await db.query(
      `INSERT INTO vnpay_simulator_transactions (txn_ref, transaction_no, amount, response_code, transaction_status, order_info, pay_date)
       VALUES ($1, $2, $3, '00', '00', 'Thanh toan', '20261127100000')`,
      [txnRefOf(paymentId), transactionNo, amount * 100],
    );
  }

  /** What our records hold: settled under a VNPAY transaction. */
  async function paidHere(paymentId: string, transactionNo: number) {
    await db.query(
      `UPDATE payments SET status = 'PAID', provider_transaction_id = $2, settled_at = now() WHERE id = $1`,
      [paymentId, `VNPAY-${transactionNo}-${txnRefOf(paymentId)}`],
    );
  }

  const mismatchAlerts = () =>
    db.query<{ application_id: string; message: string }[]>(
      `SELECT application_id, message FROM staff_alerts WHERE kind = 'PAYMENT_MISMATCH' ORDER BY message`,
    );
  const mismatchAudits = async () =>
    Number(
      (
        await db.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM audit_log WHERE action = 'PAYMENT_MISMATCH'`,
        )
      )[0].n,
    );

  let agreed: Awaited<ReturnType<typeof newPayment>>;
  let moneyNotRecorded: Awaited<ReturnType<typeof newPayment>>;
  let paidOnlyHere: Awaited<ReturnType<typeof newPayment>>;

  it('is scheduled every day at 02:00 Vietnam time on the payments queue', async () => {
    const payments = t.app.get(QueueRegistry).get(QUEUES.payments);
    const scheduler = await waitFor(
      async () => (await payments.getJobScheduler('reconcile-payments')) ?? undefined,
      'the reconciliation schedule',
    );
    expect(scheduler).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Ho_Chi_Minh' });
  });

  it('while VNPAY cannot be reached the job fails, is retried, and raises nothing', async () => {
    agreed = await newPayment(); // paid on both sides
    await paidAtVnpay(agreed.paymentId, agreed.amount, 15000001);
    await paidHere(agreed.paymentId, 15000001);
    moneyNotRecorded = await newPayment(); // VNPAY took the money; the IPN never arrived
    await paidAtVnpay(moneyNotRecorded.paymentId, moneyNotRecorded.amount, 15000002);
    paidOnlyHere = await newPayment(); // we hold it paid; VNPAY has nothing
    await paidHere(paidOnlyHere.paymentId, 15000003);
    await newPayment(); // never completed anywhere: agrees

    const payments = t.app.get(QueueRegistry).get(QUEUES.payments);
    const spec = paymentReconciliationJob(today);
    const job = await payments.add(spec.name, spec.data, { jobId: `${spec.jobId}.down` });
    const failed = await waitFor(async () => {
      const state = await payments.getJobState(job.id!);
      return state === 'failed' ? state : undefined;
    }, 'the reconciliation job to fail for good');
    expect(failed).toBe('failed');
    const finished = (await payments.getJob(job.id!))!;
    expect(finished.attemptsMade).toBe(2); // tried again after the first failure
    expect(finished.failedReason).toMatch(/VNPAY querydr did not answer/);
    expect(await mismatchAlerts()).toEqual([]);
    expect(await mismatchAudits()).toBe(0);
  });

  it('once VNPAY answers, every difference is raised to the supervisor and the audit log, once', async () => {
    await proxy.start(apiPort);
    const payments = t.app.get(QueueRegistry).get(QUEUES.payments);
    const spec = paymentReconciliationJob(today);
    const job = await payments.add(spec.name, spec.data, { jobId: spec.jobId });
    await waitFor(
      async () => ((await payments.getJobState(job.id!)) === 'completed' ? true : undefined),
      'the job',
    );
    const report = (await payments.getJob(job.id!))!.returnvalue as { checked: number; raised: number };
    expect(report).toMatchObject({ checked: 4, raised: 2 });

    const alerts = await mismatchAlerts();
    expect(alerts.map((a) => a.application_id).sort()).toEqual(
      [moneyNotRecorded.applicationId, paidOnlyHere.applicationId].sort(),
    );
    expect(alerts.find((a) => a.application_id === moneyNotRecorded.applicationId)!.message).toMatch(
      /took \d+ VND \(transaction 15000002\) but our payment is PENDING/,
    );
    expect(alerts.find((a) => a.application_id === paidOnlyHere.applicationId)!.message).toMatch(
      /PAID but the gateway has no successful transaction \(not found \(91\)\)/,
    );
    expect(await mismatchAudits()).toBe(2);

    // Supervisors of the province see them.
    const supervisor = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '01' });
    const listed = await request(t.url)
      .get('/api/v1/staff/alerts')
      .set('authorization', `Bearer ${supervisor.accessToken}`)
      .expect(200);
    expect(listed.body.items.filter((i: { kind: string }) => i.kind === 'PAYMENT_MISMATCH')).toHaveLength(2);

    // A rerun of the same day raises nothing new.
    const again = await t.app.get(PaymentReconciliationService).reconcile(today);
    expect(again).toMatchObject({ checked: 4, raised: 0 });
    expect(again.differences).toHaveLength(2);
    expect(await mismatchAudits()).toBe(2);
  });
});
