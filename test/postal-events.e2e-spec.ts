import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ShipmentsService } from '../src/postal/shipments.service';
import { createCitizenAndSignIn, createStaffAndSignIn } from './support/factories/accounts';
import { createShipments, insertIssuedApplications, partnerWithKey } from './support/factories/shipments';
import { startTestApp, TestApp } from './support/test-app';

interface EventResult {
  index: number;
  eventId: string | null;
  result: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  reason?: string;
  status?: string;
  late?: boolean;
}

describe('postal partner: events, the application following, collection at the office', () => {
  let t: TestApp;
  let db: DataSource;
  let partner: { partnerId: string; key: string };
  let eventSerial = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { POSTAL_MAX_DELIVERY_ATTEMPTS: '3' } });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
    partner = await partnerWithKey(db, 'Vietnam Post');
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  /** A shipment picked up by `by` (the test partner unless told), for an ISSUED application. */
  async function pickedUp(opts: { citizenId?: string; by?: { key: string } } = {}) {
    const key = (opts.by ?? partner).key;
    const [app] = await insertIssuedApplications(db, 1, { citizenId: opts.citizenId });
    const [trackingNumber] = await createShipments(t.app.get(DataSource), t.app.get(ShipmentsService), [app]);
    for (let mine = false; !mine;) {
      const res = await request(t.url)
        .post('/api/v1/postal/shipments/claim')
        .set('x-api-key', key)
        .send({ limit: 50 });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      mine = (res.body.items as { trackingNumber: string }[]).some(
        (i) => i.trackingNumber === trackingNumber,
      );
    }
    await request(t.url)
      .post(`/api/v1/postal/shipments/${trackingNumber}/pickup`)
      .set('x-api-key', key)
      .expect(200);
    return { app, trackingNumber };
  }

  /** Seconds before now: events happen after the shipment was made (a few seconds ago), give or take the tolerated clock drift. */
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
  const event = (
    trackingNumber: string,
    type: string,
    occurredAt: string,
    extra: Record<string, unknown> = {},
  ) => ({
    eventId: `evt-${++eventSerial}`,
    trackingNumber,
    type,
    occurredAt,
    ...extra,
  });

  async function send(
    events: object[],
    key = partner.key,
  ): Promise<{ results: EventResult[]; counts: Record<string, number> }> {
    const res = await request(t.url).post('/api/v1/postal/events').set('x-api-key', key).send({ events });
    expect(res.status).toBe(200);
    return res.body;
  }

  const shipmentOf = async (trackingNumber: string) =>
    (
      await db.query<{ status: string; change_xid: string; failed_attempts: number }[]>(
        `SELECT status, change_xid::text, failed_attempts FROM shipments WHERE tracking_number = $1`,
        [trackingNumber],
      )
    )[0];
  const applicationStatus = async (id: string) =>
    (await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;
  const count = async (sql: string, params: unknown[]) =>
    (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

  it('reports a resent event as a duplicate and changes nothing', async () => {
    const { app, trackingNumber } = await pickedUp();
    const inTransit = event(trackingNumber, 'IN_TRANSIT', at(30));
    expect((await send([inTransit])).results[0]).toMatchObject({
      result: 'APPLIED',
      status: 'IN_TRANSIT',
      late: false,
    });
    const before = await shipmentOf(trackingNumber);
    const auditBefore = await count(`audit_log WHERE application_id = $1`, [app.id]);

    const again = await send([inTransit, inTransit]);
    expect(again.results.map((r) => r.result)).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(await shipmentOf(trackingNumber)).toEqual(before); // not even touched: same change_xid
    expect(await count(`audit_log WHERE application_id = $1`, [app.id])).toBe(auditBefore);
    expect(await count(`shipment_events WHERE event_id = $1`, [inTransit.eventId])).toBe(1);

    // The same id for a different event is refused, not taken for a resend.
    const reused = await send([{ ...inTransit, type: 'OUT_FOR_DELIVERY', occurredAt: at(20) }]);
    expect(reused.results[0]).toMatchObject({
      result: 'REJECTED',
      reason: expect.stringMatching(/already used/),
    });
    expect((await shipmentOf(trackingNumber)).status).toBe('IN_TRANSIT');
  });

  it('keeps a shipment delivered when DELIVERED arrives before IN_TRANSIT', async () => {
    const { app, trackingNumber } = await pickedUp();
    const delivered = await send([event(trackingNumber, 'DELIVERED', at(5))]);
    expect(delivered.results[0]).toMatchObject({ result: 'APPLIED', status: 'DELIVERED' });
    expect(await applicationStatus(app.id)).toBe('DELIVERED');

    const lateTransit = await send([event(trackingNumber, 'IN_TRANSIT', at(60))]);
    expect(lateTransit.results[0]).toMatchObject({ result: 'APPLIED', late: true, status: 'DELIVERED' });
    expect((await shipmentOf(trackingNumber)).status).toBe('DELIVERED');
    expect(await applicationStatus(app.id)).toBe('DELIVERED');
    const notices = await db.query<{ template: string }[]>(
      `SELECT DISTINCT template FROM notifications WHERE application_id = $1 ORDER BY 1`,
      [app.id],
    );
    expect(notices.map((n) => n.template)).toEqual(['DELIVERED', 'IN_DELIVERY']);
  });

  it('refuses IN_TRANSIT that happened after DELIVERED, with the reason, and does not move back', async () => {
    const { app, trackingNumber } = await pickedUp();
    await send([event(trackingNumber, 'DELIVERED', at(10))]);
    const after = await send([event(trackingNumber, 'IN_TRANSIT', at(1))]);
    expect(after.results[0]).toMatchObject({
      result: 'REJECTED',
      reason: expect.stringMatching(/was delivered at .*; it cannot be in transit after that/),
    });
    expect((await shipmentOf(trackingNumber)).status).toBe('DELIVERED');
    expect(await applicationStatus(app.id)).toBe('DELIVERED');
  });

  it('applies a batch sent out of order in the order the events happened', async () => {
    const { app, trackingNumber } = await pickedUp();
    const answer = await send([
      event(trackingNumber, 'DELIVERED', at(1)),
      event(trackingNumber, 'OUT_FOR_DELIVERY', at(20)),
      event(trackingNumber, 'IN_TRANSIT', at(40)),
    ]);
    expect(answer.results.map((r) => [r.index, r.result, r.late])).toEqual([
      [0, 'APPLIED', false],
      [1, 'APPLIED', false],
      [2, 'APPLIED', false],
    ]);
    const steps = await db.query<{ type: string }[]>(
      `SELECT data->>'type' AS type FROM audit_log WHERE application_id = $1 AND action = 'SHIPMENT_EVENT' ORDER BY id`,
      [app.id],
    );
    expect(steps.map((s) => s.type)).toEqual(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(await applicationStatus(app.id)).toBe('DELIVERED');
  });

  it('answers each event of a mixed batch on its own', async () => {
    const { trackingNumber } = await pickedUp();
    const stranger = await partnerWithKey(db, 'Another courier');
    const theirs = await pickedUp({ by: stranger });
    const answer = await send([
      event(trackingNumber, 'IN_TRANSIT', at(30)),
      event('EB123456784VN', 'IN_TRANSIT', at(30)),
      event('EB999999995VN', 'IN_TRANSIT', at(30)),
      event(theirs.trackingNumber, 'IN_TRANSIT', at(30)),
      { trackingNumber, type: 'IN_TRANSIT', occurredAt: at(30) },
      event(trackingNumber, 'LOST', at(30)),
      event(trackingNumber, 'OUT_FOR_DELIVERY', new Date(Date.now() + 3_600_000).toISOString()),
    ]);
    expect(answer.results.map((r) => r.result)).toEqual([
      'APPLIED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
    ]);
    expect(answer.results.slice(1).map((r) => r.reason)).toEqual([
      expect.stringMatching(/check digit/),
      expect.stringMatching(/No shipment EB999999995VN is leased to or carried by you/),
      expect.stringMatching(/is leased to or carried by you/),
      expect.stringMatching(/eventId/),
      expect.stringMatching(/type must be one of/),
      expect.stringMatching(/in the future/),
    ]);
    expect(answer.counts).toEqual({ APPLIED: 1, DUPLICATE: 0, REJECTED: 6 });
    expect((await shipmentOf(theirs.trackingNumber)).status).toBe('PICKED_UP');
  });

  it('refuses a batch of more than 500 events as a whole, naming the field', async () => {
    const events = Array.from({ length: 501 }, (_, i) => event('EB123456785VN', 'IN_TRANSIT', at(i)));
    const res = await request(t.url)
      .post('/api/v1/postal/events')
      .set('x-api-key', partner.key)
      .send({ events });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'events', message: expect.stringMatching(/at most 500/) }]);
  });

  it('returns the card to the office after three failed attempts; staff of that province hand it over', async () => {
    const { app, trackingNumber } = await pickedUp();
    const attempt = (minutesAgo: number) => [
      event(trackingNumber, 'OUT_FOR_DELIVERY', at(minutesAgo + 1)),
      event(trackingNumber, 'DELIVERY_FAILED', at(minutesAgo), { detail: 'nobody home' }),
    ];
    const first = await send([...attempt(240), ...attempt(160)]);
    expect(first.results.map((r) => r.status)).toEqual([
      'OUT_FOR_DELIVERY',
      'DELIVERY_FAILED',
      'OUT_FOR_DELIVERY',
      'DELIVERY_FAILED',
    ]);
    expect(await applicationStatus(app.id)).toBe('IN_DELIVERY');
    const third = await send(attempt(80));
    expect(third.results[1]).toMatchObject({ result: 'APPLIED', status: 'RETURNED' });
    expect(await shipmentOf(trackingNumber)).toMatchObject({ status: 'RETURNED', failed_attempts: 3 });
    expect(await applicationStatus(app.id)).toBe('RETURNED_TO_OFFICE');
    const [notice] = await db.query<{ body: string }[]>(
      `SELECT body FROM notifications WHERE application_id = $1 AND template = 'RETURNED_TO_OFFICE' LIMIT 1`,
      [app.id],
    );
    expect(notice.body).toContain('Phòng Cảnh sát giao thông, Hà Nội');
    expect(notice.body).toContain('căn cước công dân'); // written in the citizen's language (Vietnamese)

    // Once back at the office: no delivery any more; the courier's own RETURNED scan is only recorded.
    const later = await send([
      event(trackingNumber, 'DELIVERED', at(0)),
      event(trackingNumber, 'RETURNED', at(0)),
    ]);
    expect(later.results.map((r) => [r.result, r.status])).toEqual([
      ['REJECTED', undefined],
      ['APPLIED', 'RETURNED'],
    ]);

    const elsewhere = await createStaffAndSignIn(t, 'officer', { provinceCode: '79' });
    const officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    const collect = (token: string, id: string) =>
      request(t.url).post(`/api/v1/staff/applications/${id}/collect`).set('authorization', `Bearer ${token}`);
    await collect(elsewhere.accessToken, app.id).expect(404);
    const done = await collect(officer.accessToken, app.id).expect(200);
    expect(done.body).toMatchObject({ id: app.id, status: 'COLLECTED' });
    await collect(officer.accessToken, app.id).expect(409);
    expect(
      await count(`notifications WHERE application_id = $1 AND template = 'COLLECTED'`, [app.id]),
    ).toBeGreaterThan(0);

    // A card still with the post cannot be handed over at the office.
    const onTheWay = await pickedUp();
    const refused = await collect(officer.accessToken, onTheWay.app.id).expect(409);
    expect(refused.body.detail).toMatch(/with the post/);
  });

  it('shows the citizen the tracking number and the delivery events in the timeline', async () => {
    const citizen = await createCitizenAndSignIn(t);
    const { app, trackingNumber } = await pickedUp({ citizenId: citizen.id });
    await send([
      event(trackingNumber, 'IN_TRANSIT', at(50)),
      event(trackingNumber, 'OUT_FOR_DELIVERY', at(40)),
      event(trackingNumber, 'DELIVERY_FAILED', at(30), { detail: 'nobody home' }),
      event(trackingNumber, 'OUT_FOR_DELIVERY', at(20)),
      event(trackingNumber, 'DELIVERED', at(10)),
    ]);
    const auth = { authorization: `Bearer ${citizen.accessToken}` };
    const view = await request(t.url).get(`/api/v1/applications/${app.id}`).set(auth).expect(200);
    expect(view.body).toMatchObject({
      status: 'DELIVERED',
      shipment: { trackingNumber, status: 'DELIVERED' },
    });
    const timeline = await request(t.url)
      .get(`/api/v1/applications/${app.id}/timeline`)
      .set(auth)
      .expect(200);
    const postal = (timeline.body.items as { action: string; detail: string | null; by: string }[]).filter(
      (i) => ['HAND_TO_POST', 'SHIPMENT_EVENT', 'DELIVER'].includes(i.action),
    );
    expect(postal.map((i) => i.detail)).toEqual([
      `Handed to the post; tracking number ${trackingNumber}`,
      'In transit',
      'Out for delivery',
      'Delivery attempt failed: nobody home',
      'Out for delivery',
      'Delivered',
      'Your licence was delivered',
    ]);
    expect(new Set(postal.map((i) => i.by))).toEqual(new Set(['the post']));
  });
});
