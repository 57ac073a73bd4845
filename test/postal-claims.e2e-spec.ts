import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { isValidTrackingNumber } from '../src/postal/s10';
import { ShipmentsService } from '../src/postal/shipments.service';
import {
  bulkInsertReadyShipments,
  createShipments,
  insertIssuedApplications,
  newShipmentFor,
  partnerWithKey,
} from './support/factories/shipments';
import { startTestApp, TestApp } from './support/test-app';

interface Claimed {
  trackingNumber: string;
  leaseExpiresAt: string;
  status: string;
}

describe('postal partner: shipments, claims with leases, pickup', () => {
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

  const claim = (url: string, key: string, limit: number) =>
    request(url).post('/api/v1/postal/shipments/claim').set('x-api-key', key).send({ limit });
  const pickup = (url: string, key: string, trackingNumber: string) =>
    request(url).post(`/api/v1/postal/shipments/${trackingNumber}/pickup`).set('x-api-key', key);

  /** Claims until the pool gives nothing more; returns every tracking number received. */
  async function pollUntilEmpty(url: string, key: string, limit: number): Promise<string[]> {
    const got: string[] = [];
    for (;;) {
      const res = await claim(url, key, limit).expect(200);
      const items = res.body.items as Claimed[];
      if (items.length === 0) return got;
      got.push(...items.map((i) => i.trackingNumber));
    }
  }

  it('gives every new shipment a valid S10 number once per application, however often it is asked', async () => {
    const service = t.app.get(ShipmentsService);
    const appDb = t.app.get(DataSource);
    const apps = await insertIssuedApplications(db, 25);
    const numbers = await createShipments(appDb, service, apps);
    expect(new Set(numbers).size).toBe(25);
    for (const n of numbers) {
      expect(n).toMatch(/^EB\d{9}VN$/);
      expect(isValidTrackingNumber(n)).toBe(true);
    }
    // A second call for the same application returns the shipment it already has.
    expect(await createShipments(appDb, service, [apps[0]])).toEqual([numbers[0]]);
    // Calls racing for one application make one shipment.
    const [late] = await insertIssuedApplications(db, 1);
    const raced = await Promise.all(
      [1, 2, 3].map(() => appDb.transaction((tx) => service.createShipment(tx, newShipmentFor(late)))),
    );
    expect(new Set(raced.map((r) => r.trackingNumber)).size).toBe(1);
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM shipments WHERE application_id = $1`,
      [late.id],
    );
    expect(count).toBe(1);
    // What the parcel carries is the card serial only, never who the card belongs to.
    const [fresh] = await insertIssuedApplications(db, 1);
    const [{ national_id }] = await db.query<{ national_id: string }[]>(
      `SELECT national_id FROM applications WHERE id = $1`,
      [fresh.id],
    );
    await expect(
      appDb.transaction((tx) => service.createShipment(tx, newShipmentFor(fresh, { contents: national_id }))),
    ).rejects.toThrow(/not the citizen ID or licence number/);
  });

  it('4 concurrent pollers claiming from 1,000 ready shipments get disjoint sets covering all of them', async () => {
    await bulkInsertReadyShipments(db, 1000);
    const ready = (
      await db.query<{ tracking_number: string }[]>(
        `SELECT tracking_number FROM shipments WHERE status = 'READY'`,
      )
    ).map((r) => r.tracking_number);
    expect(ready.length).toBeGreaterThanOrEqual(1000);
    const pollers = await Promise.all([1, 2, 3, 4].map((i) => partnerWithKey(db, `Poller ${i}`)));

    const started = Date.now();
    const sets = await Promise.all(pollers.map((p) => pollUntilEmpty(t.url, p.key, 40)));
    const elapsed = Date.now() - started;

    const all = sets.flat();
    expect(new Set(all).size).toBe(all.length); // no shipment went to two pollers, nor twice to one
    expect(new Set(all)).toEqual(new Set(ready));
    for (const set of sets) expect(set.length).toBeGreaterThan(0); // all four took part
    const holders = await db.query<{ partner_id: string; n: number }[]>(
      `SELECT partner_id, count(*)::int AS n FROM shipments WHERE status = 'LEASED' GROUP BY partner_id`,
    );
    expect(Object.fromEntries(holders.map((h) => [h.partner_id, h.n]))).toEqual(
      Object.fromEntries(pollers.map((p, i) => [p.partnerId, sets[i].length])),
    );
    console.log(`claimed ${all.length} shipments with 4 pollers in ${elapsed} ms`);
  });

  it('refuses pickup by a partner that does not hold the lease, and moves the application on pickup', async () => {
    const [holder, other] = await Promise.all([partnerWithKey(db), partnerWithKey(db)]);
    const service = t.app.get(ShipmentsService);
    const [app] = await insertIssuedApplications(db, 1);
    const [trackingNumber] = await createShipments(t.app.get(DataSource), service, [app]);
    const claimed = (await claim(t.url, holder.key, 200).expect(200)).body.items as Claimed[];
    expect(claimed.map((c) => c.trackingNumber)).toContain(trackingNumber);

    const refused = await pickup(t.url, other.key, trackingNumber).expect(409);
    expect(refused.body.detail).toMatch(/do not hold the lease/);
    const [before] = await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [
      app.id,
    ]);
    expect(before.status).toBe('ISSUED');

    const picked = await pickup(t.url, holder.key, trackingNumber).expect(200);
    expect(picked.body).toMatchObject({ trackingNumber, status: 'PICKED_UP', leaseExpiresAt: null });
    await pickup(t.url, holder.key, trackingNumber).expect(200); // a retry answers the same
    await pickup(t.url, other.key, trackingNumber).expect(409);

    const [after] = await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [
      app.id,
    ]);
    expect(after.status).toBe('IN_DELIVERY');
    const notices = await db.query<{ template: string; body: string }[]>(
      `SELECT template, body FROM notifications WHERE application_id = $1`,
      [app.id],
    );
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.template === 'IN_DELIVERY' && n.body.includes(trackingNumber))).toBe(true);
    const audit = await db.query<{ action: string; actor_kind: string; actor_id: string }[]>(
      `SELECT action, actor_kind, actor_id FROM audit_log WHERE application_id = $1 ORDER BY id`,
      [app.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'SHIPMENT_CREATED',
      'SHIPMENT_LEASED',
      'HAND_TO_POST',
      'SHIPMENT_PICKED_UP',
    ]);
    expect(audit[2]).toMatchObject({ actor_kind: 'partner', actor_id: holder.partnerId });
  });

  it('answers a malformed tracking number and a missing shipment plainly', async () => {
    const { key } = await partnerWithKey(db);
    const bad = await pickup(t.url, key, 'EB123456784VN').expect(400);
    expect(bad.body.detail).toMatch(/not a valid S10 tracking number/);
    await pickup(t.url, key, 'EB999999995VN').expect(404);
    const res = await claim(t.url, key, 0).expect(400);
    expect(res.body.errors).toEqual([{ field: 'limit', message: 'limit must be at least 1' }]);
  });

  describe('with a one-second lease and five requests a minute per key', () => {
    let short: TestApp;
    beforeAll(async () => {
      short = await startTestApp({
        db: t.db,
        env: { POSTAL_LEASE_SECONDS: '1', POSTAL_RATE_LIMIT_PER_MINUTE: '5' },
      });
    });
    afterAll(async () => {
      await short.close();
    });

    it('offers a shipment again when its lease runs out without a pickup', async () => {
      const [first, second] = await Promise.all([partnerWithKey(db), partnerWithKey(db)]);
      const mine = await bulkInsertReadyShipments(db, 2);
      const claimed = (await claim(short.url, first.key, 10).expect(200)).body.items as Claimed[];
      expect(claimed.map((c) => c.trackingNumber).sort()).toEqual([...mine].sort());
      expect(new Date(claimed[0].leaseExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(1000);
      expect((await claim(short.url, second.key, 10).expect(200)).body.items).toEqual([]);

      await new Promise((r) => setTimeout(r, 1200));
      await pickup(short.url, first.key, mine[0])
        .expect(409)
        .expect((res) => expect(res.body.detail).toMatch(/ran out/));
      const again = (await claim(short.url, second.key, 10).expect(200)).body.items as Claimed[];
      expect(again.map((c) => c.trackingNumber).sort()).toEqual([...mine].sort());
      await pickup(short.url, first.key, mine[0]).expect(409);
      await pickup(short.url, second.key, mine[0]).expect(200);
    });

    it('limits requests per key, answering 429 with Retry-After', async () => {
      const [busy, calm] = await Promise.all([partnerWithKey(db), partnerWithKey(db)]);
      for (let i = 0; i < 5; i++) await claim(short.url, busy.key, 1).expect(200);
      const limited = await claim(short.url, busy.key, 1).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.detail).toMatch(/more than 5 requests in a minute/);
      await claim(short.url, calm.key, 1).expect(200);
    });
  });
});
