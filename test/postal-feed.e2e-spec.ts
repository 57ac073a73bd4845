import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { bulkInsertReadyShipments, partnerWithKey } from './support/factories/shipments';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DATABASE_URL } from './support/test-services';

interface Item {
  trackingNumber: string;
  status: string;
}

describe('postal partner: the reconciliation feed', () => {
  let t: TestApp;
  let db: DataSource;
  let partner: { partnerId: string; key: string };

  beforeAll(async () => {
    t = await startTestApp();
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });
  beforeEach(async () => {
    partner = await partnerWithKey(db);
  });

  const page = (query: Record<string, string | number>, key = partner.key) =>
    request(t.url).get('/api/v1/postal/shipments').query(query).set('x-api-key', key);
  const claimAll = (key = partner.key) =>
    request(t.url)
      .post('/api/v1/postal/shipments/claim')
      .set('x-api-key', key)
      .send({ limit: 200 })
      .expect(200);
  const pickup = (trackingNumber: string) =>
    request(t.url)
      .post(`/api/v1/postal/shipments/${trackingNumber}/pickup`)
      .set('x-api-key', partner.key)
      .expect(200);

  /** Follows nextCursor until an empty page; `between` runs after each non-empty page. */
  async function readAll(
    opts: { cursor?: string; limit: number },
    between: (seen: Item[]) => Promise<void> = async () => {},
  ): Promise<{ seen: Item[]; cursor?: string }> {
    const seen: Item[] = [];
    let cursor = opts.cursor;
    for (;;) {
      const res = await page({ limit: opts.limit, ...(cursor ? { cursor } : {}) }).expect(200);
      if (res.body.items.length === 0) {
        expect(res.body.nextCursor).toBeNull();
        return { seen, cursor };
      }
      seen.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor as string;
      await between(seen);
    }
  }

  const partnersShipments = async () =>
    (
      await db.query<{ tracking_number: string }[]>(
        `SELECT tracking_number FROM shipments WHERE partner_id = $1`,
        [partner.partnerId],
      )
    ).map((r) => r.tracking_number);

  it('pages without skipping or repeating while new shipments arrive and old ones change', async () => {
    await bulkInsertReadyShipments(db, 30);
    await claimAll();
    let changed: string | undefined;
    let arrived = 0;
    let pages = 0;
    const { seen } = await readAll({ limit: 7 }, async (sofar) => {
      if (++pages > 5) return; // new arrivals for a while, then the feed catches up
      arrived += (await bulkInsertReadyShipments(db, 3)).length;
      await claimAll();
      if (!changed) {
        // A shipment already read changes: it comes round once more, with its new state.
        changed = sofar[0].trackingNumber;
        await pickup(changed);
      }
    });
    const numbers = seen.map((i) => i.trackingNumber);
    const mine = await partnersShipments();
    expect(mine.length).toBe(30 + arrived);
    expect(new Set(numbers)).toEqual(new Set(mine));
    expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([changed]);
    expect(seen.filter((i) => i.trackingNumber === changed).map((i) => i.status)).toEqual([
      'LEASED',
      'PICKED_UP',
    ]);
  });

  it('holds back later changes while an earlier one is still uncommitted, so it is never skipped', async () => {
    await bulkInsertReadyShipments(db, 3);
    const [slow, fast, other] = (await claimAll()).body.items as Item[];
    const { cursor } = await readAll({ limit: 50 });

    // The service's own role starts a change and keeps it open; another change commits after it.
    const writer = await new DataSource(
      dataSourceOptions({ DATABASE_URL: t.db.appUrl, DB_POOL_SIZE: 1 }),
    ).initialize();
    const open = writer.createQueryRunner();
    try {
      await open.startTransaction();
      await open.query(
        `UPDATE shipments SET recipient_street = recipient_street || ' (gate B)' WHERE tracking_number = $1`,
        [slow.trackingNumber],
      );
      await pickup(fast.trackingNumber);
      const meanwhile = await readAll({ cursor, limit: 50 });
      expect(meanwhile.seen).toEqual([]); // fast's change waits behind slow's open transaction

      await open.commitTransaction();
      const after = await readAll({ cursor, limit: 50 });
      expect(after.seen.map((i) => i.trackingNumber).sort()).toEqual(
        [slow.trackingNumber, fast.trackingNumber].sort(),
      );
      expect(after.seen.map((i) => i.trackingNumber)).not.toContain(other.trackingNumber);
    } finally {
      if (open.isTransactionActive) await open.rollbackTransaction();
      await open.release();
      await writer.destroy();
    }
  });

  it('is not held back by transactions in other databases on the same server', async () => {
    const outsider = new Client({ connectionString: TEST_DATABASE_URL });
    await outsider.connect();
    try {
      await outsider.query('BEGIN');
      await outsider.query('SELECT pg_current_xact_id()'); // takes a transaction id and keeps it
      await bulkInsertReadyShipments(db, 2);
      const claimed = (await claimAll()).body.items as Item[];
      const { seen } = await readAll({ limit: 50 });
      expect(seen.map((i) => i.trackingNumber)).toEqual(
        expect.arrayContaining(claimed.map((c) => c.trackingNumber)),
      );
    } finally {
      await outsider.query('ROLLBACK');
      await outsider.end();
    }
  });

  it('filters by status and time, shows a lapsed lease as READY, and keeps each partner to its own', async () => {
    await bulkInsertReadyShipments(db, 4);
    const claimed = (await claimAll()).body.items as Item[];
    await pickup(claimed[0].trackingNumber);
    await db.query(
      `UPDATE shipments SET lease_expires_at = now() - interval '1 second' WHERE tracking_number = $1`,
      [claimed[1].trackingNumber],
    );
    const byStatus = async (status: string) =>
      ((await page({ status }).expect(200)).body.items as Item[]).map((i) => i.trackingNumber).sort();
    expect(await byStatus('PICKED_UP')).toEqual([claimed[0].trackingNumber]);
    expect(await byStatus('READY')).toEqual([claimed[1].trackingNumber]);
    expect(await byStatus('LEASED')).toEqual([claimed[2].trackingNumber, claimed[3].trackingNumber].sort());

    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await page({ updatedSince: future }).expect(200)).body.items).toEqual([]);
    const someone = await partnerWithKey(db);
    expect((await page({}, someone.key).expect(200)).body.items).toEqual([]);

    const bad = await page({ cursor: 'bm90LWEtY3Vyc29y' }).expect(400);
    expect(bad.body.detail).toMatch(/cursor is not valid/);
    const wrongStatus = await page({ status: 'LOST' }).expect(400);
    expect(wrongStatus.body.errors[0].field).toBe('status');
  });
});
