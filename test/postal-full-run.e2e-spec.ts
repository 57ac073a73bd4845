import request from 'supertest';
import { DEMO_CITIZEN_PASSWORD, DEMO_POSTAL_API_KEY, DEMO_STAFF_PASSWORD } from '../src/seed/demo-accounts';
import { DEMO_PEOPLE } from '../src/seed/demo-data';
import { runSimulation } from '../src/postal/simulator/simulator';
import { uploadPhoto } from './support/citizen-journey';
import { uniqueClientAddress } from './support/factories/accounts';
import { startDemoApp } from './support/demo-app';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/**
 * The whole road, on the demo data: citizens apply and pay; Hà Nội approves a clean renewal by policy
 * and an officer of Thành phố Hồ Chí Minh approves the other; issuance hands both cards to the post;
 * the simulated Vietnam Post (demo key) claims, picks up and delivers them, with failed attempts on
 * the way; each citizen sees DELIVERED and the delivery events in the timeline.
 */
describe('full run: submission to DELIVERED through the postal simulator', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Enough attempts that every card gets through even with half the doorsteps empty.
    t = await startDemoApp({ POSTAL_MAX_DELIVERY_ATTEMPTS: '10' });
  });
  afterAll(() => t.close());

  const login = (path: string, body: object) =>
    request(t.url)
      .post(`/api/v1/auth/${path}/login`)
      .set('x-forwarded-for', uniqueClientAddress())
      .send(body);

  async function applyAndPay(key: 'clean-renewal' | 'expiring-soon') {
    const person = DEMO_PEOPLE.find((p) => p.key === key)!;
    const { accessToken } = (
      await login('citizen', { nationalId: person.nationalId, password: DEMO_CITIZEN_PASSWORD }).expect(200)
    ).body as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const created = await request(t.url)
      .post('/api/v1/applications')
      .set(auth)
      .set('idempotency-key', `full-run-${key}`)
      .send({
        type: 'RENEWAL',
        licenceNumber: person.licence.number,
        healthCertificateNumber: person.healthCertificate?.number,
        photoUploadId: await uploadPhoto(t.url, accessToken),
        delivery: {
          method: 'POST',
          recipientName: person.fullName,
          phone: person.phone,
          street: person.street,
          commune: person.commune,
          provinceCode: person.provinceCode,
        },
      })
      .expect(201);
    await request(t.url)
      .post(`/api/v1/payments/simulator/${created.body.payment.id}`)
      .set(auth)
      .send({ status: 'PAID' })
      .expect(200);
    return { id: created.body.id as string, auth };
  }

  const view = async (c: { id: string; auth: Record<string, string> }) =>
    (await request(t.url).get(`/api/v1/applications/${c.id}`).set(c.auth).expect(200)).body;

  it('delivers both cards and shows each citizen the journey', async () => {
    const hanoi = await applyAndPay('clean-renewal');
    const hcm = await applyAndPay('expiring-soon');

    // Thành phố Hồ Chí Minh has no straight-through policy: an officer decides.
    const officer = (
      await login('staff', { username: 'officer.hcm', password: DEMO_STAFF_PASSWORD }).expect(200)
    ).body.accessToken as string;
    const staff = { authorization: `Bearer ${officer}` };
    await waitFor(async () => ((await view(hcm)).status === 'PENDING_REVIEW' ? true : undefined), 'review');
    const claimed = await request(t.url)
      .post(`/api/v1/staff/applications/${hcm.id}/claim`)
      .set(staff)
      .expect(200);
    await request(t.url)
      .post(`/api/v1/staff/applications/${hcm.id}/approve`)
      .set(staff)
      .send({ version: claimed.body.version })
      .expect(200);

    const shipments = await Promise.all(
      [hanoi, hcm].map((c) =>
        waitFor(
          async () => ((await view(c)).shipment as { trackingNumber: string } | null) ?? undefined,
          'issuance',
        ),
      ),
    );

    const report = await runSimulation({
      url: t.url,
      apiKey: DEMO_POSTAL_API_KEY,
      pollers: 2,
      failRate: 0.5,
      pollIntervalMs: 100,
      stepDelayMs: 0,
      untilIdleMs: 1500,
      seed: 2026,
    });
    expect(report).toMatchObject({ claimed: 2, delivered: 2, returned: 0 });
    expect(report.answers.REJECTED).toBe(0);

    for (const [i, c] of [hanoi, hcm].entries()) {
      const done = await view(c);
      expect(done).toMatchObject({
        status: 'DELIVERED',
        shipment: { trackingNumber: shipments[i].trackingNumber, status: 'DELIVERED' },
      });
      const timeline = (
        await request(t.url).get(`/api/v1/applications/${c.id}/timeline`).set(c.auth).expect(200)
      ).body.items as { action: string; toState: string | null; detail: string | null }[];
      const actions = timeline.map((e) => e.action);
      for (const step of ['SUBMIT', 'PAY', 'ISSUE', 'HAND_TO_POST', 'SHIPMENT_EVENT', 'DELIVER']) {
        expect(actions).toContain(step);
      }
      expect(actions.indexOf('ISSUE')).toBeLessThan(actions.indexOf('HAND_TO_POST'));
      expect(actions[actions.length - 1]).toBe('DELIVER');
      const postal = timeline.filter((e) => e.action === 'SHIPMENT_EVENT').map((e) => e.detail);
      expect(postal[0]).toBe('In transit');
      expect(postal).toContain('Delivered');
      expect(timeline.find((e) => e.action === 'HAND_TO_POST')?.detail).toContain(
        shipments[i].trackingNumber,
      );
    }
  });
});
