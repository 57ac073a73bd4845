import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { IssuanceProcessor } from '../src/issuance/issuance.processor';
import { IssueLicenceService } from '../src/issuance/issue-licence.service';
import { ShipmentEventsService } from '../src/postal/events/shipment-events.service';
import { insertPaidApplications } from './support/factories/bulk-applications';
import { bulkInsertReadyShipments, partnerWithKey } from './support/factories/shipments';
import { failUpdatesOf } from './support/statement-counter';
import { BatchTestApp, batchTestApp } from './support/batch-test-app';
import type { TestApp } from './support/test-app';

/**
 * Workers that handle many applications do it set-based: a batch costs a fixed number of statements
 * however many applications it holds (their notices and jobs are one statement too), and one
 * application that fails does not fail or roll back the others. Deadline timers: batch-timers.e2e-spec.ts.
 */
describe('set-based batches: issuance, postal events', () => {
  const app = batchTestApp();
  const { count, statuses } = app;
  let t: TestApp;
  let db: DataSource;
  let counted: BatchTestApp['counted'];
  let tags = 0;
  beforeAll(() => {
    ({ t, db, counted } = app);
  });

  /** Approved applications, every other one to be posted. */
  async function approved(n: number): Promise<string[]> {
    const ids = await insertPaidApplications(db, n, `bi${++tags}`);
    await db.query(
      `UPDATE applications SET status = 'APPROVED', decided_at = now(), decided_by = 'test',
         delivery = CASE WHEN right(reference, 1) IN ('0','2','4','6','8') THEN jsonb_set(delivery, '{method}', '"POST"') ELSE delivery END
       WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return ids;
  }

  describe('issuance', () => {
    it('issues N applications with the same statements however many (their notices and jobs in one)', async () => {
      const issuer = t.app.get(IssueLicenceService);
      const small = await approved(5);
      const large = await approved(20);
      const a = await counted(() => issuer.issueMany(small));
      const b = await counted(() => issuer.issueMany(large));
      expect([...b.value.values()].every((o) => o.issued)).toBe(true);
      // 15 more applications: 15 more notices, and not one statement more.
      expect(b.statements).toBe(a.statements);
      expect(b.statements).toBeLessThanOrEqual(45);
      const ids = [...small, ...large];
      expect(
        await count(`SELECT 1 FROM applications WHERE id = ANY($1::uuid[]) AND status = 'ISSUED'`, [ids]),
      ).toBe(25);
      expect(
        await count(
          `SELECT 1 FROM licence_cards WHERE application_id = ANY($1::uuid[]) AND status = 'ACTIVE'`,
          [ids],
        ),
      ).toBe(25);
      expect(
        await count(`SELECT 1 FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'ISSUE'`, [
          ids,
        ]),
      ).toBe(25);
      expect(
        await count(
          `SELECT 1 FROM applications a JOIN shipments s ON s.application_id = a.id
           WHERE a.id = ANY($1::uuid[]) AND a.delivery->>'method' = 'POST'`,
          [ids],
        ),
      ).toBe(
        await count(
          `SELECT 1 FROM applications WHERE id = ANY($1::uuid[]) AND delivery->>'method' = 'POST'`,
          [ids],
        ),
      );
      // A second run is a no-op.
      const again = await issuer.issueMany(large);
      expect([...again.values()].every((o) => !o.issued)).toBe(true);
      expect(await count(`SELECT 1 FROM licence_cards WHERE application_id = ANY($1::uuid[])`, [ids])).toBe(
        25,
      );
    });

    it('issues the rest of a batch when one application of it fails', async () => {
      const ids = await approved(8);
      const bad = ids[1];
      // A postal address the post cannot take: the batch's shipments fail, so the batch is rolled back.
      await db.query(
        `UPDATE applications SET delivery = delivery || '{"method":"POST","phone":"not a phone"}' WHERE id = $1`,
        [bad],
      );
      const processor = t.app.get(IssuanceProcessor);
      const outcomes = await Promise.allSettled(
        ids.map((applicationId) =>
          processor.process({ data: { applicationId } } as Job<{ applicationId: string }>),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(ids.map((id) => (id === bad ? 'rejected' : 'fulfilled')));
      const after = await statuses(ids);
      for (const id of ids) expect(after[id]).toBe(id === bad ? 'APPROVED' : 'ISSUED');
      expect(await count(`SELECT 1 FROM licence_cards WHERE application_id = ANY($1::uuid[])`, [ids])).toBe(
        7,
      );
      expect(
        await count(`SELECT 1 FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'ISSUE'`, [
          ids,
        ]),
      ).toBe(7);
      expect(
        await count(
          `SELECT 1 FROM notifications WHERE application_id = ANY($1::uuid[]) AND template IN ('ISSUED', 'READY_FOR_COLLECTION') AND channel = 'SMS'`,
          [ids],
        ),
      ).toBe(7);
    });
  });

  describe('postal events', () => {
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
    let partner: { partnerId: string; keyId: string };
    let events = 0;

    beforeAll(async () => {
      partner = await partnerWithKey(db, 'Batch Post');
    });

    /** Shipments picked up by the partner, their applications IN_DELIVERY. */
    async function carried(n: number): Promise<{ numbers: string[]; apps: string[] }> {
      const numbers = await bulkInsertReadyShipments(db, n);
      const [rows] = await db.query<[{ application_id: string }[], number]>(
        `UPDATE shipments SET status = 'PICKED_UP', partner_id = $2, picked_up_at = now() - interval '1 minute',
           created_at = now() - interval '2 minutes'
         WHERE tracking_number = ANY($1::text[]) RETURNING application_id`,
        [numbers, partner.partnerId],
      );
      const ids = rows.map((r) => r.application_id);
      await db.query(`UPDATE applications SET status = 'IN_DELIVERY' WHERE id = ANY($1::uuid[])`, [ids]);
      return { numbers, apps: ids };
    }

    const report = (numbers: string[]) =>
      t.app.get(ShipmentEventsService).report(
        { partnerId: partner.partnerId, partnerName: 'Batch Post', keyId: partner.keyId },
        numbers.flatMap((trackingNumber) => [
          { eventId: `bev-${++events}`, trackingNumber, type: 'IN_TRANSIT', occurredAt: at(50) },
          { eventId: `bev-${++events}`, trackingNumber, type: 'DELIVERED', occurredAt: at(40) },
        ]),
        '127.0.0.1',
      );

    it('applies a request with events for N shipments with the same statements however many (their notices and jobs in one)', async () => {
      const small = await carried(5);
      const large = await carried(20);
      const a = await counted(() => report(small.numbers));
      const b = await counted(() => report(large.numbers));
      expect(b.value.counts).toEqual({ APPLIED: 40, DUPLICATE: 0, REJECTED: 0 });
      expect(b.statements).toBe(a.statements);
      expect(b.statements).toBeLessThanOrEqual(40);
      const after = await statuses(large.apps);
      expect(Object.values(after)).toEqual(large.apps.map(() => 'DELIVERED'));
      expect(
        await count(`SELECT 1 FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'DELIVER'`, [
          large.apps,
        ]),
      ).toBe(20);
      expect(
        await count(
          `SELECT 1 FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'SHIPMENT_EVENT'`,
          [large.apps],
        ),
      ).toBe(40);
    });

    it('applies the other shipments of a request when one of them fails', async () => {
      const { numbers, apps } = await carried(6);
      const restore = await failUpdatesOf(db, apps[2]);
      try {
        await expect(report(numbers)).rejects.toThrow(/test fault/);
      } finally {
        await restore();
      }
      const after = await statuses(apps);
      for (const id of apps) expect(after[id]).toBe(id === apps[2] ? 'IN_DELIVERY' : 'DELIVERED');
      const shipments = await db.query<{ application_id: string; status: string; events: number }[]>(
        `SELECT s.application_id, s.status, (SELECT count(*)::int FROM shipment_events e WHERE e.shipment_id = s.id) AS events
         FROM shipments s WHERE s.tracking_number = ANY($1::text[])`,
        [numbers],
      );
      for (const s of shipments) {
        const failed = s.application_id === apps[2];
        expect(s).toMatchObject({ status: failed ? 'PICKED_UP' : 'DELIVERED', events: failed ? 0 : 2 });
      }
    });
  });
});
