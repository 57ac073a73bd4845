import request from 'supertest';
import { DEMO_CITIZEN_PASSWORD, DEMO_POSTAL_API_KEY, DEMO_STAFF_PASSWORD } from '../src/seed/demo-accounts';
import { DEMO_PEOPLE } from '../src/seed/demo-data';
import { uploadPhoto } from './support/citizen-journey';
import { uniqueClientAddress } from './support/factories/accounts';
import { startDemoApp } from './support/demo-app';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait';

describe('the demo data set', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startDemoApp();
  });
  afterAll(() => t.close());

  const login = (path: string, body: object) =>
    request(t.url)
      .post(`/api/v1/auth/${path}/login`)
      .set('x-forwarded-for', uniqueClientAddress())
      .send(body);

  it('signs in the documented staff of two provinces', async () => {
    for (const username of [
      'officer.hanoi',
      'supervisor.hanoi',
      'officer.hcm',
      'supervisor.hcm',
      'auditor',
      'admin',
    ]) {
      expect((await login('staff', { username, password: DEMO_STAFF_PASSWORD })).status).toBe(200);
    }
  });

  it('takes the clean renewal from application to a posted card with no staff action (Hà Nội policy on)', async () => {
    const person = DEMO_PEOPLE.find((p) => p.key === 'clean-renewal')!;
    const { accessToken } = (
      await login('citizen', { nationalId: person.nationalId, password: DEMO_CITIZEN_PASSWORD }).expect(200)
    ).body;
    const auth = { authorization: `Bearer ${accessToken}` };
    const photo = await uploadPhoto(t.url, accessToken);
    const created = await request(t.url)
      .post('/api/v1/applications')
      .set(auth)
      .set('idempotency-key', 'demo-clean-renewal-1')
      .send({
        type: 'RENEWAL',
        licenceNumber: person.licence.number,
        healthCertificateNumber: person.healthCertificate?.number,
        photoUploadId: photo,
        delivery: {
          method: 'POST',
          recipientName: person.fullName,
          phone: person.phone,
          street: person.street,
          commune: person.commune,
          provinceCode: '01',
        },
      })
      .expect(201);
    await request(t.url)
      .post(`/api/v1/payments/simulator/${created.body.payment.id}`)
      .set(auth)
      .send({ status: 'PAID' })
      .expect(200);
    const issued = await waitFor(async () => {
      const app = (await request(t.url).get(`/api/v1/applications/${created.body.id}`).set(auth).expect(200))
        .body;
      return app.shipment ? app : undefined;
    }, 'the card to be handed to the post');
    expect(issued.status).toBe('ISSUED');
    const claim = await request(t.url)
      .post('/api/v1/postal/shipments/claim')
      .set('x-api-key', DEMO_POSTAL_API_KEY)
      .send({ limit: 10 })
      .expect(200);
    expect(claim.body.items.map((s: { trackingNumber: string }) => s.trackingNumber)).toContain(
      issued.shipment.trackingNumber,
    );
  });
});
