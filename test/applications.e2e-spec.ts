import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { signPaymentCallback } from '../src/payments/payment-signature';
import {
  applyAndPay as applyAndPayVia,
  citizenWithLicence as makeCitizen,
  CitizenWithLicence,
  payWithSimulator,
  submitApplication,
  waitForApplication,
} from './support/case-fixtures';
import { applicationBody, uploadPhoto } from './support/citizen-journey';
import { daysFromToday, insertVehicle, insertViolation } from './support/factories/records';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

const execFileAsync = promisify(execFile);

describe('citizen applications end to end (api + worker in one process)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const citizenWithLicence = (opts: Parameters<typeof makeCitizen>[2] = {}) => makeCitizen(t.url, db, opts);
  const submit = (token: string, body: object, key?: string) => submitApplication(t.url, token, body, key);
  const pay = (token: string, paymentId: string) => payWithSimulator(t.url, token, paymentId);
  const settled = (token: string, id: string) => waitForApplication(t.url, token, id);
  const applyAndPay = (c: CitizenWithLicence, over: Record<string, unknown> = {}) =>
    applyAndPayVia(t.url, c, over);

  const rule = (
    app: { checks: { rule: string; outcome: string; evidence: Record<string, unknown> }[] },
    name: string,
  ) => app.checks.find((c) => c.rule === name)!;

  describe('one application per eligibility outcome', () => {
    it('a clean renewal passes every rule and waits for review', async () => {
      const app = await applyAndPay(await citizenWithLicence());
      expect(app.status).toBe('PENDING_REVIEW');
      expect(app.outcome).toBe('ELIGIBLE');
      expect(app.checks.length).toBeGreaterThanOrEqual(9);
      expect(app.checks.every((c: { outcome: string }) => c.outcome === 'PASS')).toBe(true);
      expect(app.reviewDueBy).toEqual(expect.any(String));
    });

    it('an early renewal is flagged for an officer', async () => {
      const app = await applyAndPay(await citizenWithLicence({ expiresInDays: 900 }));
      expect(app.status).toBe('PENDING_REVIEW');
      expect(app.outcome).toBe('FLAGGED');
      expect(rule(app, 'EXPIRY_WINDOW').outcome).toBe('FLAG');
    });

    /** Submits and expects the records to refuse it before any fee: 422 ineligible, nothing open, nothing to pay. */
    const refusedBeforePayment = async (c: CitizenWithLicence, over: Record<string, unknown> = {}) => {
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(
        c.token,
        applicationBody(c.number, photo, { healthCertificateNumber: c.certificate, ...over }),
      );
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('urn:problem:ineligible');
      const [counts] = await db.query<{ open: number; payments: number; refused: number }[]>(
        `SELECT count(*) FILTER (WHERE a.status <> 'REJECTED')::int AS open,
                count(p.id)::int AS payments,
                count(*) FILTER (WHERE a.status = 'REJECTED')::int AS refused
         FROM applications a JOIN citizens ci ON ci.id = a.citizen_id
         LEFT JOIN payments p ON p.application_id = a.id
         WHERE ci.national_id = $1`,
        [c.driver.nationalId],
      );
      expect(counts).toEqual({ open: 0, payments: 0, refused: 1 });
      const [audit] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'REFUSED_AT_SUBMISSION' AND actor_id = (
           SELECT id::text FROM citizens WHERE national_id = $1)`,
        [c.driver.nationalId],
      );
      expect(audit.n).toBe(1);
      return res.body as { detail: string; checks: { rule: string; outcome: string; detail: string }[] };
    };
    const checkOf = (body: { checks: { rule: string; outcome: string; detail: string }[] }, name: string) =>
      body.checks.find((c) => c.rule === name)!;

    it('an unpaid fine on a vehicle the holder owns (no identified driver) refuses it before payment, naming the fine', async () => {
      const c = await citizenWithLicence();
      await insertVehicle(db, `29A-${c.number.slice(-5)}`, c.driver.nationalId);
      await insertViolation(db, { id: `V-${c.number}`, plate: `29A-${c.number.slice(-5)}`, amount: 800000 });
      const body = await refusedBeforePayment(c);
      const violations = checkOf(body, 'UNPAID_VIOLATIONS');
      expect(violations.outcome).toBe('FAIL');
      expect(violations.detail).toContain(`V-${c.number}`);
    });

    it('a suspended licence is refused before payment with the date', async () => {
      const until = daysFromToday(90);
      const body = await refusedBeforePayment(
        await citizenWithLicence({ licence: { status: 'SUSPENDED', suspendedUntil: until } }),
      );
      expect(checkOf(body, 'LICENCE_STATUS').outcome).toBe('FAIL');
    });

    it('an UNFIT health certificate is refused before payment', async () => {
      const body = await refusedBeforePayment(await citizenWithLicence({ certificate: { result: 'UNFIT' } }));
      expect(checkOf(body, 'HEALTH_CERTIFICATE').outcome).toBe('FAIL');
    });

    it("someone else's licence number is refused before payment, learning nothing about the holder", async () => {
      const owner = await citizenWithLicence({
        licence: { status: 'SUSPENDED', suspendedUntil: daysFromToday(30) },
      });
      await insertVehicle(db, `30A-${owner.number.slice(-5)}`, owner.driver.nationalId);
      await insertViolation(db, {
        id: `V-${owner.number}`,
        plate: `30A-${owner.number.slice(-5)}`,
        amount: 500000,
      });
      const other = await citizenWithLicence();
      const body = await refusedBeforePayment({
        ...other,
        number: owner.number,
        certificate: other.certificate,
      });
      expect(body.checks.filter((k) => k.outcome !== 'NOT_CHECKED').map((k) => [k.rule, k.outcome])).toEqual([
        ['LICENCE_FOUND', 'FAIL'],
      ]);
      const text = JSON.stringify(body);
      for (const secret of [
        owner.driver.nationalId,
        owner.driver.fullName,
        `V-${owner.number}`,
        `30A-`,
        'SUSPENDED',
      ])
        expect(text).not.toContain(secret);
    });

    it('records that change after payment refuse the application then, and refund the fee once', async () => {
      const c = await citizenWithLicence();
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(
        c.token,
        applicationBody(c.number, photo, { healthCertificateNumber: c.certificate }),
      );
      expect(res.status).toBe(201);
      expect(res.body.checks.every((k: { outcome: string }) => k.outcome === 'PASS')).toBe(true);
      // A fine arrives between the submission and the payment.
      await db.query(
        `INSERT INTO violations (id, plate, national_id, amount, paid, occurred_on) VALUES ($1, NULL, $2, 300000, false, CURRENT_DATE)`,
        [`V-late-${c.number}`, c.driver.nationalId],
      );
      await pay(c.token, res.body.payment.id);
      const app = await settled(c.token, res.body.id);
      expect(app.status).toBe('REJECTED');
      const refunds = await waitFor(async () => {
        const rows = await db.query<{ status: string; amount: number }[]>(
          `SELECT status, amount FROM payment_refunds WHERE application_id = $1`,
          [res.body.id],
        );
        return rows.length && rows[0].status === 'REFUNDED' ? rows : undefined;
      }, 'the refund');
      expect(refunds).toEqual([{ status: 'REFUNDED', amount: res.body.fee.amount }]);
      const [audit] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1 AND action = 'REFUNDED'`,
        [res.body.id],
      );
      expect(audit.n).toBe(1);
    });

    it('a licence missing from the register is paid for and waits for the issuing office to verify it', async () => {
      const c = await citizenWithLicence();
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(
        c.token,
        applicationBody('019999999999', photo, { healthCertificateNumber: c.certificate }),
      );
      expect(res.status).toBe(201);
      expect(res.body.checks.find((k: { rule: string }) => k.rule === 'LICENCE_FOUND').outcome).toBe('FLAG');
      await pay(c.token, res.body.payment.id);
      const app = await settled(c.token, res.body.id);
      expect(app.status).toBe('AWAITING_VERIFICATION');
      expect(rule(app, 'LICENCE_STATUS').outcome).toBe('NOT_CHECKED');
    });

    it('refuses before payment a licence expired for more than a year, saying which re-test applies', async () => {
      const c = await citizenWithLicence({ expiresInDays: -500 });
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(
        c.token,
        applicationBody(c.number, photo, { healthCertificateNumber: c.certificate }),
      );
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('urn:problem:ineligible');
      expect(res.body.detail).toMatch(/theory and a practical re-test/i);
    });

    it('refuses before payment a foreign licence, saying to go to the office', async () => {
      const c = await citizenWithLicence({ licence: { origin: 'FOREIGN' } });
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(
        c.token,
        applicationBody(c.number, photo, { healthCertificateNumber: c.certificate }),
      );
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/office/i);
    });

    it('a change of details takes the new details from the citizen-ID record, with nothing retyped', async () => {
      const c = await citizenWithLicence();
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(
        c.token,
        applicationBody(c.number, photo, { healthCertificateNumber: c.certificate, type: 'DETAILS_CHANGE' }),
      );
      expect(res.status).toBe(201);
      const [row] = await db.query<{ new_details: Record<string, string> }[]>(
        `SELECT new_details FROM applications WHERE id = $1`,
        [res.body.id],
      );
      expect(row.new_details).toEqual({ fullName: c.driver.fullName, dateOfBirth: c.driver.dateOfBirth });
    });

    it('asks for the health certificate number when the class needs one', async () => {
      const c = await citizenWithLicence();
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(c.token, applicationBody(c.number, photo));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'healthCertificateNumber' })]);
    });
  });

  describe('Idempotency-Key', () => {
    it('20 concurrent submissions with one key create one application and all get the same body', async () => {
      const c = await citizenWithLicence();
      const photo = await uploadPhoto(t.url, c.token);
      const body = applicationBody(c.number, photo, { healthCertificateNumber: c.certificate });
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => submit(c.token, body, 'same-key-0001')),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM applications WHERE licence_number = $1`,
        [c.number],
      );
      expect(count).toBe(1);

      const different = await submit(
        c.token,
        { ...body, delivery: { ...body.delivery, street: '99 Other St' } },
        'same-key-0001',
      );
      expect(different.status).toBe(422);
    });

    it('a missing key is a 400 saying what to send', async () => {
      const c = await citizenWithLicence();
      const res = await request(t.url)
        .post('/api/v1/applications')
        .set('authorization', `Bearer ${c.token}`)
        .send(applicationBody(c.number, '00000000-0000-4000-8000-000000000000'));
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/Idempotency-Key/);
    });

    it('names every bad field, nested ones included, and refuses unknown fields', async () => {
      const c = await citizenWithLicence();
      const res = await submit(c.token, {
        ...applicationBody('123', 'not-a-uuid'),
        delivery: { method: 'DRONE', phone: 'x' },
        surprise: true,
      });
      expect(res.status).toBe(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'licenceNumber',
          'photoUploadId',
          'delivery.method',
          'delivery.phone',
          'delivery.street',
          'surprise',
        ]),
      );
    });
  });

  describe('privacy between citizens', () => {
    it("citizen B cannot read, cancel or supplement citizen A's application, nor register as A", async () => {
      const a = await citizenWithLicence();
      const photo = await uploadPhoto(t.url, a.token);
      const created = await submit(
        a.token,
        applicationBody(a.number, photo, { healthCertificateNumber: a.certificate }),
      );
      const id = created.body.id as string;
      const b = await citizenWithLicence();
      const auth = { authorization: `Bearer ${b.token}` };
      await request(t.url).get(`/api/v1/applications/${id}`).set(auth).expect(404);
      await request(t.url).get(`/api/v1/applications/${id}/timeline`).set(auth).expect(404);
      await request(t.url).post(`/api/v1/applications/${id}/cancel`).set(auth).send({}).expect(404);
      await request(t.url)
        .post(`/api/v1/applications/${id}/supplement`)
        .set(auth)
        .send({ message: 'hi' })
        .expect(404);
      const list = await request(t.url).get('/api/v1/applications').set(auth).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);

      const register = await request(t.url).post('/api/v1/auth/citizen/register').send({
        nationalId: a.driver.nationalId,
        fullName: b.driver.fullName,
        dateOfBirth: b.driver.dateOfBirth,
        phone: '0987654321',
        password: 'another strong passphrase',
      });
      expect([409, 422]).toContain(register.status);
      // A can still cancel their own.
      await request(t.url)
        .post(`/api/v1/applications/${id}/cancel`)
        .set('authorization', `Bearer ${a.token}`)
        .send({})
        .expect(200);
    });
  });

  describe('payment callbacks', () => {
    async function pendingPayment() {
      const c = await citizenWithLicence();
      const photo = await uploadPhoto(t.url, c.token);
      const res = await submit(
        c.token,
        applicationBody(c.number, photo, { healthCertificateNumber: c.certificate }),
      );
      return {
        ...c,
        id: res.body.id as string,
        paymentId: res.body.payment.id as string,
        amount: res.body.fee.amount as number,
      };
    }
    const statusOf = async (id: string) =>
      (await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;
    const callback = (raw: string, signature: string) =>
      request(t.url)
        .post('/api/v1/payments/callback')
        .set('content-type', 'application/json')
        .set('x-signature', signature)
        .send(raw);

    it('refuses a wrong signature and a wrong amount, changing nothing; a replayed good one is a no-op', async () => {
      const p = await pendingPayment();
      const good = JSON.stringify({
        paymentId: p.paymentId,
        providerTransactionId: `T-${p.paymentId}`,
        amount: p.amount,
        status: 'PAID',
        paidAt: new Date().toISOString(),
      });
      const secret = t.env.PAYMENT_CALLBACK_SECRET;

      await callback(good, signPaymentCallback('not-the-secret', good)).expect(401);
      expect(await statusOf(p.id)).toBe('AWAITING_PAYMENT');

      const wrongAmount = good.replace(`"amount":${p.amount}`, `"amount":${p.amount - 1000}`);
      const res = await callback(wrongAmount, signPaymentCallback(secret, wrongAmount));
      expect(res.status).toBe(422);
      expect(await statusOf(p.id)).toBe('AWAITING_PAYMENT');

      expect((await callback(good, signPaymentCallback(secret, good)).expect(200)).body.result).toBe(
        'APPLIED',
      );
      const auditBefore = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1`,
        [p.id],
      );
      expect((await callback(good, signPaymentCallback(secret, good)).expect(200)).body.result).toBe(
        'DUPLICATE',
      );
      const auditAfter = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1`,
        [p.id],
      );
      expect(auditAfter).toEqual(auditBefore);
      // A payment nobody requested is refused; the applied transaction stays a duplicate whatever it names.
      const stranger = good.replace(p.paymentId, '00000000-0000-4000-8000-000000000000');
      const fresh = stranger.replace(`T-${p.paymentId}`, 'T-unknown-payment');
      expect((await callback(fresh, signPaymentCallback(secret, fresh))).status).toBe(404);
      expect((await callback(stranger, signPaymentCallback(secret, stranger)).expect(200)).body.result).toBe(
        'DUPLICATE',
      );
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM payments WHERE application_id = $1 AND status = 'PAID'`,
        [p.id],
      );
      expect(n).toBe(1);
    });

    it('npm run payments:simulate pays like the provider, over HTTP with a signed callback', async () => {
      const p = await pendingPayment();
      // Asynchronously: the app under test serves the CLI's request from this same process.
      const run = await execFileAsync(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          'src/cli/payments-simulate.ts',
          '--payment',
          p.paymentId,
          '--url',
          t.url,
        ],
        { cwd: join(__dirname, '..'), env: { ...process.env, ...t.env }, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^200 .*APPLIED/);
      expect(['CHECKING', 'PENDING_REVIEW']).toContain(await statusOf(p.id));
    });

    it('lets a failed payment be retried', async () => {
      const p = await pendingPayment();
      await request(t.url)
        .post(`/api/v1/payments/simulator/${p.paymentId}`)
        .set('authorization', `Bearer ${p.token}`)
        .send({ status: 'FAILED' })
        .expect(200);
      expect(await statusOf(p.id)).toBe('AWAITING_PAYMENT');
      const retry = await request(t.url)
        .post(`/api/v1/applications/${p.id}/payments`)
        .set('authorization', `Bearer ${p.token}`)
        .expect(201);
      await pay(p.token, retry.body.payment.id);
      const app = await settled(p.token, p.id);
      expect(app.status).toBe('PENDING_REVIEW');
    });
  });

  it('shows the steps in the timeline and records notifications for the citizen', async () => {
    const c = await citizenWithLicence();
    const app = await applyAndPay(c);
    const timeline = await request(t.url)
      .get(`/api/v1/applications/${app.id}/timeline`)
      .set('authorization', `Bearer ${c.token}`)
      .expect(200);
    expect(timeline.body.items.map((e: { action: string }) => e.action)).toEqual([
      'SUBMIT',
      'PAY',
      'CHECKS_PASSED',
    ]);
    const notes = await waitFor(async () => {
      const rows = await db.query<{ template: string; status: string }[]>(
        `SELECT template, status FROM notifications WHERE application_id = $1 AND channel = 'SMS' ORDER BY created_at`,
        [app.id],
      );
      return rows.length === 3 && rows.every((r) => r.status === 'SENT') ? rows : undefined;
    }, 'notifications to be sent');
    expect(notes.map((n) => n.template)).toEqual(['SUBMITTED', 'PAID', 'IN_REVIEW']);
  });
});
