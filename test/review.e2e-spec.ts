import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import {
  applyAndPay,
  citizenWithLicence,
  CitizenWithLicence,
  waitForApplication,
} from './support/case-fixtures';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

describe('staff review, decisions and issuance', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: StaffAccountFixture;
  let otherOfficer: StaffAccountFixture;
  let supervisor: StaffAccountFixture;
  let outsider: StaffAccountFixture;
  let admin: StaffAccountFixture;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    otherOfficer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    supervisor = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '01' });
    outsider = await createStaffAndSignIn(t, 'officer', { provinceCode: '79' });
    admin = await createStaffAndSignIn(t, 'admin');
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const as = (s: StaffAccountFixture) => ({ authorization: `Bearer ${s.accessToken}` });
  const staffPost = (s: StaffAccountFixture, path: string, body: object = {}) =>
    request(t.url).post(`/api/v1/staff/applications/${path}`).set(as(s)).send(body);
  const caseOf = async (s: StaffAccountFixture, id: string) =>
    (await request(t.url).get(`/api/v1/staff/applications/${id}`).set(as(s)).expect(200)).body;

  async function pendingCase(
    opts: Parameters<typeof citizenWithLicence>[2] = {},
    over: Record<string, unknown> = {},
  ) {
    const citizen = await citizenWithLicence(t.url, db, opts);
    const app = await applyAndPay(t.url, citizen, over);
    expect(app.status).toBe('PENDING_REVIEW');
    return { citizen, id: app.id as string };
  }

  it("keeps another province's case invisible and untouchable (404)", async () => {
    const { id } = await pendingCase();
    await request(t.url).get(`/api/v1/staff/applications/${id}`).set(as(outsider)).expect(404);
    await staffPost(outsider, `${id}/claim`).expect(404);
    await staffPost(outsider, `${id}/approve`, { version: 1 }).expect(404);
    const queue = await request(t.url).get('/api/v1/staff/applications').set(as(outsider)).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const own = await request(t.url).get('/api/v1/staff/applications').set(as(officer)).expect(200);
    expect(own.body.items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('shows the case with checks, evidence, history and version, and audits the viewing', async () => {
    const { id } = await pendingCase();
    const view = await caseOf(officer, id);
    expect(view.version).toEqual(expect.any(Number));
    expect(view.checks.length).toBeGreaterThanOrEqual(9);
    expect(view.checks[0]).toHaveProperty('evidence');
    expect(view.licence.classes[0].class).toBe('B2');
    expect(view.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['SUBMIT', 'PAY', 'CHECKS_PASSED']),
    );
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1 AND action = 'VIEW' AND actor_id = $2`,
      [id, officer.id],
    );
    expect(n).toBe(1);
  });

  it('requires a claim, the current version, and one holder at a time', async () => {
    const { id } = await pendingCase();
    const v = (await caseOf(officer, id)).version as number;
    expect((await staffPost(officer, `${id}/approve`, { version: v })).status).toBe(409); // not claimed
    const claim = await staffPost(officer, `${id}/claim`).expect(200);
    expect((await staffPost(otherOfficer, `${id}/claim`)).status).toBe(409);
    expect((await staffPost(officer, `${id}/approve`, { version: v })).status).toBe(409); // stale: the claim bumped it
    expect((await staffPost(officer, `${id}/approve`, {})).status).toBe(400);
    await staffPost(officer, `${id}/approve`, { version: claim.body.version }).expect(200);
  });

  it('10 concurrent approvals: exactly one wins, one licence issued, one shipment', async () => {
    const { citizen, id } = await pendingCase();
    const { version } = (await staffPost(officer, `${id}/claim`).expect(200)).body as { version: number };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => staffPost(officer, `${id}/approve`, { version })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const issued = await waitForApplication(t.url, citizen.token, id, (a) => a.status === 'ISSUED');
    expect(issued.status).toBe('ISSUED');
    const [{ cards }] = await db.query(
      `SELECT count(*)::int AS cards FROM licence_cards WHERE application_id = $1`,
      [id],
    );
    const [{ shipments }] = await db.query(
      `SELECT count(*)::int AS shipments FROM shipments WHERE application_id = $1`,
      [id],
    );
    expect([cards, shipments]).toEqual([1, 1]);
  });

  it('needs a supervisor to approve a flagged case (four eyes); a supervisor can take over', async () => {
    const { id } = await pendingCase({ expiresInDays: 900 });
    expect((await caseOf(officer, id)).outcome).toBe('FLAGGED');
    const claim = await staffPost(officer, `${id}/claim`).expect(200);
    expect((await staffPost(officer, `${id}/approve`, { version: claim.body.version })).status).toBe(403);
    const takeover = await staffPost(supervisor, `${id}/claim`).expect(200);
    await staffPost(supervisor, `${id}/approve`, { version: takeover.body.version }).expect(200);
    const actions = await db.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE application_id = $1 ORDER BY id`,
      [id],
    );
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['CLAIM', 'TAKE_OVER', 'APPROVE']));
  });

  it('refuses staff action on a case about their own licence', async () => {
    const driverId = '001090000777';
    const self = await createStaffAndSignIn(t, 'officer', { provinceCode: '01', nationalId: driverId });
    const { id } = await pendingCase({
      driver: { nationalId: driverId, fullName: 'Lê Văn Cường', sex: 'M', dateOfBirth: '1990-01-01' },
    });
    expect((await staffPost(self, `${id}/claim`)).status).toBe(403);
  });

  it('rejects with a reason the citizen sees, and asks for more information which the citizen answers', async () => {
    const a = await pendingCase();
    const ca = await staffPost(officer, `${a.id}/claim`).expect(200);
    await staffPost(officer, `${a.id}/reject`, { version: ca.body.version, reasonCode: 'WRONG' }).expect(400);
    await staffPost(officer, `${a.id}/reject`, {
      version: ca.body.version,
      reasonCode: 'PHOTO_UNSUITABLE',
      note: 'The photo is blurred.',
    }).expect(200);
    const rejected = await waitForApplication(t.url, a.citizen.token, a.id, (x) => x.status === 'REJECTED');
    expect(rejected.decision).toMatchObject({
      outcome: 'REJECTED',
      reason: expect.stringContaining('blurred'),
    });

    const b = await pendingCase();
    const cb = await staffPost(officer, `${b.id}/claim`).expect(200);
    await staffPost(officer, `${b.id}/request-info`, {
      version: cb.body.version,
      message: 'Please confirm your address.',
    }).expect(200);
    await waitForApplication(t.url, b.citizen.token, b.id, (x) => x.status === 'NEEDS_INFO');
    await request(t.url)
      .post(`/api/v1/applications/${b.id}/supplement`)
      .set('authorization', `Bearer ${b.citizen.token}`)
      .send({ message: 'Confirmed: 12 Phố Huế.' })
      .expect(200);
    const rechecked = await waitForApplication(
      t.url,
      b.citizen.token,
      b.id,
      (x) => x.status === 'PENDING_REVIEW',
    );
    expect(rechecked.checks.length).toBeGreaterThanOrEqual(9);
  });

  describe('straight-through processing', () => {
    const setPolicy = (on: boolean) =>
      request(t.url)
        .put('/api/v1/admin/provinces/01/policy')
        .set(as(admin))
        .send({ autoApproveCleanRenewals: on })
        .expect(200);

    it('issues a clean renewal with no staff action when the policy is on, and never when it is off', async () => {
      await setPolicy(true);
      let citizen: CitizenWithLicence;
      try {
        citizen = await citizenWithLicence(t.url, db);
        const app = await applyAndPay(t.url, citizen);
        expect(['APPROVED', 'ISSUED']).toContain(app.status);
        const issued = await waitForApplication(
          t.url,
          citizen.token,
          app.id as string,
          (a) => a.status === 'ISSUED',
        );
        expect(issued.decision).toMatchObject({ outcome: 'APPROVED' });
        const [entry] = await db.query(
          `SELECT actor_kind, reason, data FROM audit_log WHERE application_id = $1 AND action = 'AUTO_APPROVE'`,
          [app.id],
        );
        expect(entry).toMatchObject({
          actor_kind: 'system',
          data: { policy: { provinceCode: '01', autoApproveCleanRenewals: true } },
        });

        const flagged = await applyAndPay(t.url, await citizenWithLicence(t.url, db, { expiresInDays: 900 }));
        expect(flagged.status).toBe('PENDING_REVIEW');
      } finally {
        await setPolicy(false);
      }
      const off = await applyAndPay(t.url, await citizenWithLicence(t.url, db));
      expect(off.status).toBe('PENDING_REVIEW');
    });

    it('is set by admins only', async () => {
      await request(t.url)
        .put('/api/v1/admin/provinces/01/policy')
        .set(as(supervisor))
        .send({ autoApproveCleanRenewals: true })
        .expect(403);
      await request(t.url)
        .put('/api/v1/admin/provinces/99/policy')
        .set(as(admin))
        .send({ autoApproveCleanRenewals: true })
        .expect(404);
    });
  });
});
