import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { Reconciler } from '../src/reconciler/reconciler.service';
import {
  applyAndPay,
  citizenWithLicence,
  payWithSimulator,
  submitApplication,
  waitForApplication,
} from './support/case-fixtures';
import { applicationBody, uploadPhoto } from './support/citizen-journey';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

/** Cases the machinery could not finish, and cases past their deadline, reach a supervisor. */
describe('needs attention and breached deadlines', () => {
  let t: TestApp;
  let db: DataSource;
  let supervisor: StaffAccountFixture;
  let outsider: StaffAccountFixture;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all', env: { JOB_ATTEMPTS: '2' } });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    supervisor = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '01' });
    outsider = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '79' });
  });
  afterAll(async () => {
    await db.query(`GRANT SELECT ON health_certificates TO licence_app`);
    await db.destroy();
    await t.close();
  });

  const as = (s: StaffAccountFixture) => ({ authorization: `Bearer ${s.accessToken}` });

  it('moves a case whose checks keep failing to NEEDS_ATTENTION with the error, alerts, and lets a supervisor retry', async () => {
    const citizen = await citizenWithLicence(t.url, db);
    const photo = await uploadPhoto(t.url, citizen.token);
    const res = await submitApplication(
      t.url,
      citizen.token,
      applicationBody(citizen.number, photo, { healthCertificateNumber: citizen.certificate }),
    );
    // The checks cannot read certificates until this is undone: every attempt fails.
    await db.query(`REVOKE SELECT ON health_certificates FROM licence_app`);
    await payWithSimulator(t.url, citizen.token, res.body.payment.id);
    const id = res.body.id as string;
    await waitForApplication(t.url, citizen.token, id, (a) => a.status === 'NEEDS_ATTENTION');
    const [row] = await db.query(`SELECT attention FROM applications WHERE id = $1`, [id]);
    expect(row.attention.error).toMatch(/permission denied/);

    const alerts = await request(t.url).get('/api/v1/staff/alerts').set(as(supervisor)).expect(200);
    expect(alerts.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ applicationId: id, kind: 'NEEDS_ATTENTION' })]),
    );
    const elsewhere = await request(t.url).get('/api/v1/staff/alerts').set(as(outsider)).expect(200);
    expect(elsewhere.body.items.map((a: { applicationId: string }) => a.applicationId)).not.toContain(id);

    await db.query(`GRANT SELECT ON health_certificates TO licence_app`);
    await request(t.url).post(`/api/v1/staff/applications/${id}/retry-checks`).set(as(outsider)).expect(404);
    await request(t.url)
      .post(`/api/v1/staff/applications/${id}/retry-checks`)
      .set(as(supervisor))
      .expect(200);
    const done = await waitForApplication(t.url, citizen.token, id, (a) => a.status === 'PENDING_REVIEW');
    expect(done.checks.every((c: { outcome: string }) => c.outcome === 'PASS')).toBe(true);
  });

  it('marks a case past its review deadline as breached and alerts its province', async () => {
    const citizen = await citizenWithLicence(t.url, db);
    const app = await applyAndPay(t.url, citizen);
    await db.query(`UPDATE applications SET due_at = now() - interval '1 minute' WHERE id = $1`, [app.id]);
    // As if the delayed reminder was lost with Redis: the reconciler finds the overdue case.
    const counts = await t.app.get(Reconciler).reconcileOnce();
    expect(counts.timers).toBeGreaterThanOrEqual(1);
    const queue = await request(t.url)
      .get('/api/v1/staff/applications?breached=true')
      .set(as(supervisor))
      .expect(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ id: app.id, deadlineState: 'BREACHED' })]);
    const alerts = await request(t.url).get('/api/v1/staff/alerts').set(as(supervisor)).expect(200);
    const alert = alerts.body.items.find(
      (a: { applicationId: string; kind: string }) =>
        a.applicationId === app.id && a.kind === 'DEADLINE_BREACHED',
    );
    expect(alert).toBeDefined();
    await request(t.url).post(`/api/v1/staff/alerts/${alert.id}/acknowledge`).set(as(supervisor)).expect(200);
    const after = await request(t.url).get('/api/v1/staff/alerts').set(as(supervisor)).expect(200);
    expect(after.body.items.map((a: { id: string }) => a.id)).not.toContain(alert.id);
  });
});
