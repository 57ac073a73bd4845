import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import {
  createCitizenAndSignIn,
  createStaffAndSignIn,
  StaffAccountFixture,
} from './support/factories/accounts';
import { insertIssuedApplications } from './support/factories/shipments';
import { startTestApp, TestApp } from './support/test-app';

type Operations = Record<string, Record<string, { security?: Record<string, unknown>[] }>>;

describe('postal partner keys: administration, revocation, and what a key can reach', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: StaffAccountFixture;

  beforeAll(async () => {
    t = await startTestApp();
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    admin = await createStaffAndSignIn(t, 'admin');
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const asAdmin = (token = admin.accessToken) => ({ authorization: `Bearer ${token}` });
  const claimWith = (key: string) =>
    request(t.url).post('/api/v1/postal/shipments/claim').set('x-api-key', key).send({ limit: 1 });

  async function newPartnerWithKey(name: string): Promise<{ partnerId: string; keyId: string; key: string }> {
    const partner = await request(t.url)
      .post('/api/v1/admin/postal-partners')
      .set(asAdmin())
      .send({ name })
      .expect(201);
    const key = await request(t.url)
      .post(`/api/v1/admin/postal-partners/${partner.body.id}/keys`)
      .set(asAdmin())
      .expect(201);
    return {
      partnerId: partner.body.id as string,
      keyId: key.body.id as string,
      key: key.body.key as string,
    };
  }

  it('lets admins create partners and rotate their keys; a revoked key is refused at once', async () => {
    const first = await newPartnerWithKey('Vietnam Post');
    await request(t.url)
      .post('/api/v1/admin/postal-partners')
      .set(asAdmin())
      .send({ name: 'vietnam post' })
      .expect(409);
    await claimWith(first.key).expect(200);

    // Rotation: a second key works alongside the first until the first is revoked.
    const second = await request(t.url)
      .post(`/api/v1/admin/postal-partners/${first.partnerId}/keys`)
      .set(asAdmin())
      .expect(201);
    expect(second.body.key).not.toBe(first.key);
    await claimWith(second.body.key as string).expect(200);

    const listed = await request(t.url).get('/api/v1/admin/postal-partners').set(asAdmin()).expect(200);
    const partner = listed.body.items.find((p: { id: string }) => p.id === first.partnerId);
    expect(partner.keys).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toContain(first.key); // only the first characters are shown
    expect(first.key.startsWith(partner.keys[0].prefix as string)).toBe(true);
    const [stored] = await db.query<{ key_hash: Buffer }[]>(
      `SELECT key_hash FROM postal_partner_keys WHERE id = $1`,
      [first.keyId],
    );
    expect(stored.key_hash.toString('utf8')).not.toContain(first.key);

    const revoked = await request(t.url)
      .delete(`/api/v1/admin/postal-partners/${first.partnerId}/keys/${first.keyId}`)
      .set(asAdmin())
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await claimWith(first.key).expect(401);
    expect(refused.body.detail).toMatch(/not valid or was revoked/);
    await claimWith(second.body.key as string).expect(200);
    await request(t.url)
      .delete(`/api/v1/admin/postal-partners/${first.partnerId}/keys/${first.keyId}`)
      .set(asAdmin())
      .expect(200);
    await request(t.url)
      .delete(`/api/v1/admin/postal-partners/${first.partnerId}/keys/${second.body.partnerId as string}`)
      .set(asAdmin())
      .expect(404);

    const actions = await db.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE subject_type = 'postal_partner' AND subject_id = $1 ORDER BY id`,
      [first.partnerId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'POSTAL_PARTNER_CREATED',
      'POSTAL_KEY_ISSUED',
      'POSTAL_KEY_ISSUED',
      'POSTAL_KEY_REVOKED',
    ]);
  });

  it('keeps partner administration for admins', async () => {
    const officer = await createStaffAndSignIn(t, 'officer');
    await request(t.url)
      .post('/api/v1/admin/postal-partners')
      .set(asAdmin(officer.accessToken))
      .send({ name: 'Sneaky Courier' })
      .expect(403);
    const res = await request(t.url)
      .post('/api/v1/admin/postal-partners')
      .set(asAdmin())
      .send({ name: 'x' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'name', message: 'name must be 2 to 100 characters' }]);
  });

  it('refuses postal routes without a valid key, including to signed-in citizens and staff', async () => {
    const missing = await request(t.url)
      .post('/api/v1/postal/shipments/claim')
      .send({ limit: 1 })
      .expect(401);
    expect(missing.body.detail).toMatch(/X-Api-Key/);
    await claimWith('lrpk_' + 'A'.repeat(43)).expect(401);
    await claimWith('not-a-key').expect(401);
    const citizen = await createCitizenAndSignIn(t);
    await request(t.url)
      .get('/api/v1/postal/shipments')
      .set('authorization', `Bearer ${citizen.accessToken}`)
      .expect(401);
    await request(t.url).get('/api/v1/postal/shipments').set(asAdmin()).expect(401);
  });

  it('gives a partner key no way into any application, record or staff route', async () => {
    const { key } = await newPartnerWithKey('Courier With Ambitions');
    const [app] = await insertIssuedApplications(db, 1);
    const docs = await request(t.url).get('/api/docs-json').expect(200);
    const guarded: [string, string][] = [];
    for (const [path, operations] of Object.entries(docs.body.paths as Operations)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.security?.some((s) => 'bearer' in s)) guarded.push([method, path]);
      }
    }
    // The list is the real one: the routes this test is about are in it.
    expect(guarded).toEqual(
      expect.arrayContaining([
        ['get', '/api/v1/applications/{id}'],
        ['get', '/api/v1/staff/applications'],
        ['post', '/api/v1/staff/applications/{id}/collect'],
        ['post', '/api/v1/admin/postal-partners'],
      ]),
    );
    for (const [method, path] of guarded) {
      const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{code}' ? '01' : app.id));
      for (const header of [{ 'x-api-key': key }, { authorization: `Bearer ${key}` }]) {
        const res = await request(t.url)
          [method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url)
          .set(header)
          .send({});
        expect([method, path, res.status]).toEqual([method, path, 401]);
      }
    }
  });
});
