import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { insertSyntheticApplications } from '../src/stats/bench/synthetic-applications';
import { StatsRollup } from '../src/stats/stats-rollup';
import {
  createCitizenAndSignIn,
  createStaffAndSignIn,
  StaffAccountFixture,
} from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The history is written straight into the tables, beside the write path: it has no audit entries for
 * the statistics to fold from, so each write is followed by `stats_recount` for what it touched, as an
 * import or a repair by hand would be.
 *
 * A small, known history in two provinces. Times are Vietnam time (+07); days are Vietnam days.
 * Payment → decision: 01 B1 10 h, 79 A1 24 h, A2 36 h, A3 48 h, 01 B2 60 h.
 * Payment → delivery: 79 A1 72 h (delivered 03-05), 01 B2 96 h (delivered 03-06).
 */
interface Spec {
  key: string;
  province: '79' | '01';
  status: string;
  submitted: string;
  paid?: string;
  decided?: string;
  due?: string;
  issued?: string;
  shipment?: { pickedUp?: string; delivered?: string };
}

const HISTORY: Spec[] = [
  {
    key: 'A1',
    province: '79',
    status: 'DELIVERED',
    submitted: '2026-03-02T09:00:00+07:00',
    paid: '2026-03-02T10:00:00+07:00',
    decided: '2026-03-03T10:00:00+07:00',
    due: '2026-03-09T23:59:59+07:00',
    issued: '2026-03-03T11:00:00+07:00',
    shipment: { pickedUp: '2026-03-04T08:00:00+07:00', delivered: '2026-03-05T10:00:00+07:00' },
  },
  {
    key: 'A2',
    province: '79',
    status: 'APPROVED',
    submitted: '2026-03-02T10:00:00+07:00',
    paid: '2026-03-02T12:00:00+07:00',
    decided: '2026-03-04T00:00:00+07:00',
    due: '2026-03-09T23:59:59+07:00',
  },
  {
    key: 'A3',
    province: '79',
    status: 'REJECTED',
    submitted: '2026-03-03T08:00:00+07:00',
    paid: '2026-03-03T08:00:00+07:00',
    decided: '2026-03-05T08:00:00+07:00',
    due: '2026-03-04T23:59:59+07:00', // decided a day late
  },
  // 00:30 on 4 March in Vietnam is still 3 March in UTC: it counts on the 4th.
  { key: 'A4', province: '79', status: 'AWAITING_PAYMENT', submitted: '2026-03-03T17:30:00Z' },
  {
    key: 'A5',
    province: '79',
    status: 'PENDING_REVIEW',
    submitted: '2026-03-04T09:00:00+07:00',
    paid: '2026-03-04T09:30:00+07:00',
    due: '2026-03-11T23:59:59+07:00',
  },
  {
    key: 'B1',
    province: '01',
    status: 'ISSUED',
    submitted: '2026-03-02T08:00:00+07:00',
    paid: '2026-03-02T09:00:00+07:00',
    decided: '2026-03-02T19:00:00+07:00',
    due: '2026-03-09T23:59:59+07:00',
    issued: '2026-03-03T09:00:00+07:00',
  },
  {
    key: 'B2',
    province: '01',
    status: 'DELIVERED',
    submitted: '2026-03-02T07:00:00+07:00',
    paid: '2026-03-02T08:00:00+07:00',
    decided: '2026-03-04T20:00:00+07:00',
    due: '2026-03-09T23:59:59+07:00',
    issued: '2026-03-05T08:00:00+07:00',
    shipment: { pickedUp: '2026-03-05T10:00:00+07:00', delivered: '2026-03-06T08:00:00+07:00' },
  },
  { key: 'B3', province: '01', status: 'EXPIRED', submitted: '2026-03-02T11:00:00+07:00' },
];

const PERIOD = { from: '2026-03-02', to: '2026-03-06' };

describe('statistics: GET /api/v1/stats and /api/v1/stats/public', () => {
  let t: TestApp;
  let db: DataSource;
  let auditor: StaffAccountFixture;
  let officer79: StaffAccountFixture;
  let supervisor01: StaffAccountFixture;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
    auditor = await createStaffAndSignIn(t, 'auditor');
    officer79 = await createStaffAndSignIn(t, 'officer', { provinceCode: '79' });
    supervisor01 = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '01' });
    const [{ id: citizenId }] = await db.query<{ id: string }[]>(
      `INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
       VALUES ('079090123456', 'Trần Thị Bình', '1990-02-03', '0912345678', 'not-a-hash') RETURNING id`,
    );
    for (const [i, s] of HISTORY.entries()) {
      const [{ id }] = await db.query<{ id: string }[]>(
        `INSERT INTO applications (reference, citizen_id, national_id, type, licence_number, delivery, province_code,
           status, fee_amount, postal_fee, total_amount, payment_due_by, submitted_at, paid_at, decided_at, due_at, issued_at)
         VALUES ($1, $2, '079090123456', 'RENEWAL', $3, '{"method":"POST"}', $4, $5, 115000, 0, 115000,
           $6::timestamptz + interval '1 day', $6, $7, $8, $9, $10)
         RETURNING id`,
        [
          `STATS-${s.key}`,
          citizenId,
          String(900000000000 + i),
          s.province,
          s.status,
          s.submitted,
          ...[s.paid, s.decided, s.due, s.issued].map((v) => v ?? null),
        ],
      );
      ids.set(s.key, id);
      if (s.shipment) {
        await db.query(
          `INSERT INTO shipments (tracking_number, application_id, recipient_name, recipient_phone, recipient_street,
             recipient_commune, recipient_province_code, contents, cash_on_delivery, origin_office, status,
             picked_up_at, delivered_at)
           VALUES ($1, $2, 'Trần Thị Bình', '0912345678', '1 Lê Lợi', 'Phường Bến Thành', $3, 'CARD', 0, $3,
             'DELIVERED', $4, $5)`,
          [`EB${String(i).padStart(9, '0')}VN`, id, s.province, s.shipment.pickedUp, s.shipment.delivered],
        );
      }
    }
    await recount(...HISTORY.map((s) => s.key));
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  /** Counts the applications written here beside the write path (see the top of the file). */
  const recount = (...keys: string[]) =>
    db.query(`SELECT stats_recount($1::uuid[])`, [keys.map((key) => ids.get(key))]);
  const as = (s: { accessToken: string }) => ({ authorization: `Bearer ${s.accessToken}` });
  const stats = (who: { accessToken: string }, query: Record<string, string> = PERIOD) =>
    request(t.url).get('/api/v1/stats').query(query).set(as(who));

  it('counts every event once, per province and per Vietnam day, with medians and p90 from percentile_cont', async () => {
    const res = await stats(auditor).expect(200);
    const r = res.body;
    expect(r.period).toEqual({ ...PERIOD, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(r.provinceCode).toBeNull();
    expect(r.totals).toEqual({
      received: 8,
      paid: 6,
      approved: 4,
      rejected: 1,
      issued: 3,
      handedToPost: 2,
      delivered: 2,
      returnedToOffice: 0,
      decidedWithDeadline: 5,
      decidedWithinDeadline: 4,
    });
    const province = (code: string) =>
      r.byProvince.find((p: { provinceCode: string }) => p.provinceCode === code);
    expect(r.byProvince).toHaveLength(34);
    expect(province('79')).toMatchObject({
      name: 'Thành phố Hồ Chí Minh',
      received: 5,
      approved: 2,
      rejected: 1,
    });
    expect(province('01')).toMatchObject({
      name: 'Hà Nội',
      received: 3,
      approved: 2,
      issued: 2,
      delivered: 1,
    });
    expect(province('48')).toMatchObject({ received: 0, delivered: 0 });

    expect(r.byDay.map((d: { day: string }) => d.day)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
    ]);
    expect(r.byDay.map((d: { received: number }) => d.received)).toEqual([5, 1, 2, 0, 0]);
    expect(r.byDay.map((d: { approved: number }) => d.approved)).toEqual([1, 1, 2, 0, 0]);
    expect(r.byDay.map((d: { delivered: number }) => d.delivered)).toEqual([0, 0, 0, 1, 1]);

    // 10, 24, 36, 48, 60 h: median 36; p90 at rank 3.6 = 48 + 0.6 × 12. Deliveries 72 and 96 h.
    expect(r.processingTimes).toEqual({
      paymentToDecision: { count: 5, medianHours: 36, p90Hours: 55.2 },
      paymentToDelivery: { count: 2, medianHours: 84, p90Hours: 93.6 },
    });
    expect(r.deadline).toEqual({ decided: 5, decidedWithinDeadline: 4, shareWithinDeadline: 0.8 });
    expect(r.current.byStatus).toMatchObject({
      AWAITING_PAYMENT: 1,
      PENDING_REVIEW: 1,
      APPROVED: 1,
      ISSUED: 1,
    });
    expect(r.current.byStatus.IN_DELIVERY).toBe(0);
  });

  it('narrows the period to the days asked for', async () => {
    const r = (await stats(auditor, { from: '2026-03-03', to: '2026-03-04' }).expect(200)).body;
    expect(r.totals).toMatchObject({ received: 3, approved: 3, rejected: 0, delivered: 0 });
    // A1 24 h (3rd), A2 36 h and B2 60 h (4th): median 36, p90 at rank 1.8 = 36 + 0.8 × 24.
    expect(r.processingTimes.paymentToDecision).toEqual({ count: 3, medianHours: 36, p90Hours: 55.2 });
    expect(r.processingTimes.paymentToDelivery).toEqual({ count: 0, medianHours: null, p90Hours: null });
    expect(r.deadline.shareWithinDeadline).toBe(1);
  });

  it("shows an officer of 79 only 79's figures, and refuses 01's", async () => {
    const r = (await stats(officer79).expect(200)).body;
    expect(r.provinceCode).toBe('79');
    expect(r.byProvince.map((p: { provinceCode: string }) => p.provinceCode)).toEqual(['79']);
    expect(r.totals).toMatchObject({ received: 5, approved: 2, rejected: 1, delivered: 1 });
    // 24, 36, 48 h: p90 at rank 1.8 = 36 + 0.8 × 12.
    expect(r.processingTimes.paymentToDecision).toEqual({ count: 3, medianHours: 36, p90Hours: 45.6 });
    expect(r.processingTimes.paymentToDelivery).toEqual({ count: 1, medianHours: 72, p90Hours: 72 });
    expect(r.deadline).toEqual({ decided: 3, decidedWithinDeadline: 2, shareWithinDeadline: 0.6667 });
    expect(r.current.byStatus).toMatchObject({ ISSUED: 0, APPROVED: 1, AWAITING_PAYMENT: 1 });
    expect(r.byDay.map((d: { received: number }) => d.received)).toEqual([2, 1, 2, 0, 0]);

    await stats(officer79, { ...PERIOD, province: '79' }).expect(200);
    const refused = await stats(officer79, { ...PERIOD, province: '01' }).expect(403);
    expect(refused.body.detail).toContain('79');

    const hanoi = (await stats(supervisor01).expect(200)).body;
    expect(hanoi.totals).toMatchObject({ received: 3, issued: 2 });
    expect(hanoi.current.byStatus).toMatchObject({ ISSUED: 1, APPROVED: 0 });
  });

  it('lets auditors choose any province', async () => {
    const r = (await stats(auditor, { ...PERIOD, province: '01' }).expect(200)).body;
    expect(r.provinceCode).toBe('01');
    expect(r.totals).toMatchObject({ received: 3, delivered: 1 });
    expect(r.processingTimes.paymentToDelivery).toEqual({ count: 1, medianHours: 96, p90Hours: 96 });
  });

  it('publishes national counts per province without sign-in, cacheable for 5 minutes', async () => {
    const res = await request(t.url).get('/api/v1/stats/public').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body.period.from).toBeNull();
    expect(res.body.totals).toEqual({
      applicationsReceived: 8,
      licencesIssued: 3,
      licencesReturnedByPost: 2,
    });
    const province = (code: string) =>
      res.body.byProvince.find((p: { provinceCode: string }) => p.provinceCode === code);
    expect(province('79')).toEqual({
      provinceCode: '79',
      name: 'Thành phố Hồ Chí Minh',
      applicationsReceived: 5,
      licencesIssued: 1,
      licencesReturnedByPost: 1,
    });
    expect(province('01')).toMatchObject({
      applicationsReceived: 3,
      licencesIssued: 2,
      licencesReturnedByPost: 1,
    });
    const march4 = await request(t.url)
      .get('/api/v1/stats/public')
      .query({ from: '2026-03-04', to: '2026-03-04' });
    expect(march4.body.totals).toEqual({
      applicationsReceived: 2,
      licencesIssued: 0,
      licencesReturnedByPost: 0,
    });
  });

  it('follows later changes, and folding changes no figure', async () => {
    await db.query(
      `UPDATE applications SET status = 'APPROVED', decided_at = '2026-03-06T09:30:00+07:00' WHERE id = $1`,
      [ids.get('A5')],
    );
    await recount('A5');
    const before = (await stats(auditor).expect(200)).body;
    expect(before.totals).toMatchObject({ approved: 5, decidedWithDeadline: 6, decidedWithinDeadline: 5 });
    expect(before.byDay[4].approved).toBe(1);
    // 10, 24, 36, 48, 48 (A5), 60 h: median 42, p90 at rank 4.5 = 48 + 0.5 × 12.
    expect(before.processingTimes.paymentToDecision).toEqual({ count: 6, medianHours: 42, p90Hours: 54 });
    expect(before.current.byStatus).toMatchObject({ PENDING_REVIEW: 0, APPROVED: 2 });

    await t.app.get(StatsRollup, { strict: false }).fold();
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM stats_daily_deltas) + (SELECT count(*) FROM stats_status_deltas)
         + (SELECT count(*) FROM stats_histogram_deltas) AS n`,
    );
    expect(Number(n)).toBe(0);
    const after = (await stats(auditor).expect(200)).body;
    expect({ ...after, current: { ...after.current, asOf: null } }).toEqual({
      ...before,
      current: { ...before.current, asOf: null },
    });

    // A deleted application takes its events with it.
    await db.query(`DELETE FROM applications WHERE id = $1`, [ids.get('B3')]);
    await recount('B3');
    const public2 = (await request(t.url).get('/api/v1/stats/public').expect(200)).body;
    expect(public2.totals.applicationsReceived).toBe(7);
  });

  it('agrees with percentile_cont over the raw rows, and with COUNT(*), on a generated month', async () => {
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      const now = new Date('2026-09-30T12:00:00+07:00');
      await insertSyntheticApplications(client, { count: 400, days: 30, now, seed: 3 });
    } finally {
      await client.end();
    }
    const september = { from: '2026-09-01', to: '2026-09-30' };
    for (const [who, province] of [
      [auditor, null],
      [officer79, '79'],
    ] as const) {
      const r = (await stats(who, september).expect(200)).body;
      for (const [measure, key] of [
        ['payment_to_decision', 'paymentToDecision'],
        ['payment_to_delivery', 'paymentToDelivery'],
      ] as const) {
        const [expected] = await db.query<{ n: number; p: number[] | null }[]>(
          `SELECT count(*)::int AS n, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY seconds) AS p
           FROM stats_durations_source
           WHERE measure = $1 AND day BETWEEN $2 AND $3 AND ($4::char(2) IS NULL OR province_code = $4)`,
          [measure, september.from, september.to, province],
        );
        expect(expected.n).toBeGreaterThan(province ? 5 : 100);
        expect(r.processingTimes[key]).toEqual({
          count: expected.n,
          medianHours: Math.round(expected.p![0] / 36) / 100,
          p90Hours: Math.round(expected.p![1] / 36) / 100,
        });
      }
      const [received] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM applications
         WHERE (submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $1 AND $2
           AND ($3::char(2) IS NULL OR province_code = $3)`,
        [september.from, september.to, province],
      );
      expect(r.totals.received).toBe(received.n);
    }
  });

  it('refuses bad filters naming the field', async () => {
    const fieldOf = async (query: Record<string, string>) =>
      (await stats(auditor, query).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await fieldOf({ from: '2026-02-30', to: '2026-03-06' })).toContain('from');
    expect(await fieldOf({ from: '2026-03-06', to: '2026-03-01' })).toEqual(['to']);
    expect(await fieldOf({ from: '2025-01-01', to: '2026-03-06' })).toEqual(['from']);
    expect(await fieldOf({ ...PERIOD, province: '99' })).toEqual(['province']);
    expect(await fieldOf({ ...PERIOD, colour: 'red' })).toEqual(['colour']);
  });

  it('is for staff: no token 401, a citizen 403', async () => {
    await request(t.url).get('/api/v1/stats').expect(401);
    const citizen = await createCitizenAndSignIn(t);
    await stats(citizen).expect(403);
  });
});
