import request from 'supertest';
import { DataSource } from 'typeorm';
import { auditKeyFrom } from '../src/audit/audit-hash';
import { verifyAuditLog } from '../src/audit/audit-verifier';
import { DEVELOPMENT_AUDIT_HMAC_KEY } from '../src/config/environment';
import { PickupBatchService } from '../src/postal/pickup-batch.service';
import { ShipmentsService } from '../src/postal/shipments.service';
import { createShipments, insertIssuedApplications, partnerWithKey } from './support/factories/shipments';
import { failUpdatesOf, statementCounter } from './support/statement-counter';
import { startTestAppWithDb, stopTestAppWithDb, TestApp } from './support/test-app';

describe('POST /postal/shipments/pickup: a courier confirms a batch of cards at once', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, db } = await startTestAppWithDb());
  });
  afterAll(() => stopTestAppWithDb(t, db));

  const pickupMany = (key: string, trackingNumbers: unknown) =>
    request(t.url).post('/api/v1/postal/shipments/pickup').set('x-api-key', key).send({ trackingNumbers });
  const claimAll = (key: string) =>
    request(t.url)
      .post('/api/v1/postal/shipments/claim')
      .set('x-api-key', key)
      .send({ limit: 200 })
      .expect(200);

  /** `count` issued applications with shipments, every READY shipment then leased to `key`'s partner. */
  async function leasedTo(key: string, count: number) {
    const apps = await insertIssuedApplications(db, count);
    const numbers = await createShipments(t.app.get(DataSource), t.app.get(ShipmentsService), apps);
    await claimAll(key);
    return { apps, numbers };
  }
  /** Each application's (by id) or shipment's (by tracking number) status, in the order asked. */
  const statusOf = async (table: 'applications' | 'shipments', keys: string[]) => {
    const key = table === 'applications' ? 'id::text' : 'tracking_number';
    const rows = await db.query<{ key: string; status: string }[]>(
      `SELECT ${key} AS key, status FROM ${table} WHERE ${key} = ANY($1::text[])`,
      [keys],
    );
    return keys.map((k) => rows.find((r) => r.key === k)?.status);
  };

  it('answers each card on its own, moves the applications it picks up, and answers a retry the same', async () => {
    const [holder, other] = await Promise.all([partnerWithKey(db), partnerWithKey(db)]);
    const { apps, numbers } = await leasedTo(holder.key, 3);
    const { numbers: others } = await leasedTo(other.key, 1);
    // The office handed this card over at the counter meanwhile: the post must not take it.
    await db.query(`UPDATE applications SET status = 'COLLECTED' WHERE id = $1`, [apps[2].id]);

    const batch = [numbers[0], numbers[1], numbers[2], others[0], 'EB123456784VN', 'EB999999995VN'];
    const res = await pickupMany(holder.key, batch).expect(200);
    expect(res.body.results.map((r: { trackingNumber: string }) => r.trackingNumber)).toEqual(batch);
    expect(res.body.results.map((r: { result: string }) => r.result)).toEqual([
      'PICKED_UP',
      'PICKED_UP',
      'REFUSED',
      'REFUSED',
      'REFUSED',
      'REFUSED',
    ]);
    expect(res.body.results[0].shipment).toMatchObject({ status: 'PICKED_UP', leaseExpiresAt: null });
    expect(res.body.results[2].reason).toMatch(/no longer waiting for the post/);
    expect(res.body.results[3].reason).toMatch(/No shipment .* is leased to or carried by you/);
    expect(res.body.results[4].reason).toMatch(/not a valid S10 tracking number/);
    expect(res.body.counts).toEqual({ PICKED_UP: 2, ALREADY_PICKED_UP: 0, REFUSED: 4 });

    expect(
      await statusOf(
        'applications',
        apps.map((a) => a.id),
      ),
    ).toEqual(['IN_DELIVERY', 'IN_DELIVERY', 'COLLECTED']);
    expect(await statusOf('shipments', [...numbers, ...others])).toEqual([
      'PICKED_UP',
      'PICKED_UP',
      'LEASED',
      'LEASED',
    ]);
    for (const app of apps.slice(0, 2)) {
      const audit = await db.query<{ action: string; actor_id: string }[]>(
        `SELECT action, actor_id FROM audit_log WHERE application_id = $1 ORDER BY id`,
        [app.id],
      );
      expect(audit.map((a) => a.action)).toEqual([
        'SHIPMENT_CREATED',
        'SHIPMENT_LEASED',
        'HAND_TO_POST',
        'SHIPMENT_PICKED_UP',
      ]);
      expect(audit[3].actor_id).toBe(holder.partnerId);
      const notices = await db.query<{ template: string }[]>(
        `SELECT template FROM notifications WHERE application_id = $1`,
        [app.id],
      );
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.every((n) => n.template === 'IN_DELIVERY')).toBe(true);
    }

    const again = await pickupMany(holder.key, [numbers[1], numbers[0]]).expect(200);
    expect(again.body.counts).toEqual({ PICKED_UP: 0, ALREADY_PICKED_UP: 2, REFUSED: 0 });
    expect(again.body.results[0]).toMatchObject({
      trackingNumber: numbers[1],
      shipment: { status: 'PICKED_UP' },
    });
    const [{ entries }] = await db.query<{ entries: number }[]>(
      `SELECT count(*)::int AS entries FROM audit_log WHERE action = 'SHIPMENT_PICKED_UP'`,
    );
    expect(entries).toBe(2);
    const verified = await verifyAuditLog(db, { key: auditKeyFrom(DEVELOPMENT_AUDIT_HMAC_KEY) });
    expect(verified.problems).toEqual([]);
  });

  it('costs the same statements for 20 cards as for 2', async () => {
    const partner = await partnerWithKey(db);
    const { numbers } = await leasedTo(partner.key, 22);
    const service = t.app.get(PickupBatchService);
    const counted = statementCounter(t.app.get(DataSource));
    const principal = { partnerId: partner.partnerId, partnerName: 'Vietnam Post', keyId: 'k' };
    const two = await counted(() => service.pickupMany(principal, numbers.slice(0, 2), '127.0.0.1'));
    const twenty = await counted(() => service.pickupMany(principal, numbers.slice(2), '127.0.0.1'));
    expect(two.value.counts.PICKED_UP).toBe(2);
    expect(twenty.value.counts.PICKED_UP).toBe(20);
    expect(twenty.statements).toBe(two.statements);
  });

  it('lets the other cards through when one card fails on its own', async () => {
    const partner = await partnerWithKey(db);
    const { apps, numbers } = await leasedTo(partner.key, 3);
    const restore = await failUpdatesOf(db, apps[1].id);
    try {
      await pickupMany(partner.key, numbers).expect(500);
    } finally {
      await restore();
    }
    expect(
      await statusOf(
        'applications',
        apps.map((a) => a.id),
      ),
    ).toEqual(['IN_DELIVERY', 'ISSUED', 'IN_DELIVERY']);
    expect(await statusOf('shipments', numbers)).toEqual(['PICKED_UP', 'LEASED', 'PICKED_UP']);
    const res = await pickupMany(partner.key, numbers).expect(200);
    expect(res.body.counts).toEqual({ PICKED_UP: 1, ALREADY_PICKED_UP: 2, REFUSED: 0 });
  });

  it('answers a malformed batch with 400 and a missing key with 401', async () => {
    const { key } = await partnerWithKey(db);
    const cases: [unknown, RegExp][] = [
      [[], /at least one tracking number/],
      [Array.from({ length: 201 }, (_, i) => `EB${String(i).padStart(8, '0')}0VN`), /at most 200/],
      [['EB123456785VN', 'EB123456785VN'], /must not name a shipment twice/],
      [[42], /must be a string/],
      [['EB1234VN'], /has 13 characters/],
      ['EB123456785VN', /must be an array/],
    ];
    for (const [trackingNumbers, message] of cases) {
      const bad = await pickupMany(key, trackingNumbers).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(message);
    }
    await request(t.url)
      .post('/api/v1/postal/shipments/pickup')
      .send({ trackingNumbers: ['EB123456785VN'] })
      .expect(401);
  });
});
