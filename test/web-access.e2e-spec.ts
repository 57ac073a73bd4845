import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import en from '../src/web/i18n/en.json';
import vi from '../src/web/i18n/vi.json';
import {
  applyAndPayOnWeb,
  expectStatus,
  fillApplication,
  html,
  registeredCitizen,
  staffOnWeb,
  submissionKeyOf,
} from './browser/web-journey';
import type { Page } from './browser/web-client';
import { portraitJpeg } from './support/citizen-journey';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { insertDriver, insertVehicle, insertViolation } from './support/factories/records';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

describe('web pages: access rules and the actions behind the forms', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: StaffAccountFixture;
  let otherOfficer: StaffAccountFixture;
  let outsider: StaffAccountFixture;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    otherOfficer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    outsider = await createStaffAndSignIn(t, 'officer', { provinceCode: '79' });
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const statusOf = async (id: string) =>
    (await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;

  it("answers 404 for another citizen's application, payment and confirmation, and changes nothing", async () => {
    const owner = await registeredCitizen(t.url, db);
    const { applicationId, paymentId } = await applyAndPayOnWeb(owner, db);
    const stranger = await registeredCitizen(t.url, db);
    for (const path of [
      `/applications/${applicationId}`,
      `/applications/${applicationId}/cancel`,
      `/apply/confirmation/${applicationId}`,
      `/pay/${paymentId}`,
      '/applications/not-a-uuid',
    ]) {
      const page = await stranger.client.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(page.text).toContain(html(vi['errors.notFound.title']));
    }
    await stranger.client.get('/applications');
    expect((await stranger.client.post(`/applications/${applicationId}/cancel`, {})).status).toBe(404);
    expect((await stranger.client.post(`/pay/${paymentId}`, { outcome: 'FAILED' })).status).toBe(404);
    expect((await stranger.client.get('/applications')).text).not.toContain(applicationId);
    expect(await statusOf(applicationId)).toBe('PENDING_REVIEW');
  });

  it("keeps another province's case out of reach of its staff (404), and out of their queue", async () => {
    const citizen = await registeredCitizen(t.url, db);
    const { applicationId } = await applyAndPayOnWeb(citizen, db);
    const desk = await staffOnWeb(t.url, outsider.username, outsider.password);
    expect((await desk.get(`/staff/cases/${applicationId}`)).status).toBe(404);
    expect((await desk.get(`/staff/cases/${applicationId}/photo`)).status).toBe(404);
    await desk.get('/staff');
    expect((await desk.post(`/staff/cases/${applicationId}/claim`, {})).status).toBe(404);
    expect((await desk.get('/staff')).text).not.toContain(applicationId);
    const [{ claimed_by }] = await db.query(`SELECT claimed_by FROM applications WHERE id = $1`, [
      applicationId,
    ]);
    expect(claimed_by).toBeNull();
  });

  it('shows a stale version and a case held by someone else as clear messages, then lets the officer go on', async () => {
    const citizen = await registeredCitizen(t.url, db);
    const { applicationId } = await applyAndPayOnWeb(citizen, db);
    const desk = await staffOnWeb(t.url, officer.username, officer.password, 'en');
    const casePath = `/staff/cases/${applicationId}`;
    expectStatus(await desk.get(casePath), 200, 'case');
    expect((await desk.post(`${casePath}/claim`, {})).location).toBe(`${casePath}?done=claimed`);
    const loaded = await desk.get(casePath);
    const version = /name="version" value="(\d+)"/.exec(loaded.text)![1];

    // Someone else moves the case on (here: the holder releases and claims again from another tab).
    await request(t.url)
      .post(`/api/v1/staff/applications/${applicationId}/release`)
      .set('authorization', `Bearer ${officer.accessToken}`)
      .expect(200);
    await request(t.url)
      .post(`/api/v1/staff/applications/${applicationId}/claim`)
      .set('authorization', `Bearer ${officer.accessToken}`)
      .expect(200);
    const stale = await desk.post(`${casePath}/approve`, { version });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(html(en['case.errors.stale']));
    expect(stale.text).toContain('href="#case-actions"');
    expect(await statusOf(applicationId)).toBe('PENDING_REVIEW');

    // Another officer cannot take it.
    const other = await staffOnWeb(t.url, otherOfficer.username, otherOfficer.password, 'en');
    await other.get(casePath);
    const held = await other.post(`${casePath}/claim`, {});
    expect(held.status).toBe(409);
    expect(held.text).toContain(html(en['case.errors.claimedByOther']));

    // The page after the refusal carries the current version: deciding again works.
    const fresh = /name="version" value="(\d+)"/.exec(stale.text)![1];
    expect(Number(fresh)).toBeGreaterThan(Number(version));
    const rejected = await desk.post(`${casePath}/reject`, { version: fresh, reasonCode: '', note: '' });
    expect(rejected.status).toBe(400);
    expect(rejected.text).toContain(html(en['case.reject.reason.required']));
    const asked = await desk.post(`${casePath}/request-info`, {
      version: fresh,
      message: 'Please send a sharper photo.',
    });
    expect(asked.location).toBe(`${casePath}?done=asked`);
    expect(await statusOf(applicationId)).toBe('NEEDS_INFO');

    // The citizen sees the request on the status page and answers it with a new photo.
    const status = await citizen.client.get(`/applications/${applicationId}`);
    expect(status.text).toContain('Please send a sharper photo.');
    expect(status.text).toContain(`action="/applications/${applicationId}/supplement"`);
    const empty = await citizen.client.postMultipart(`/applications/${applicationId}/supplement`, {
      message: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain(html(vi['supplement.message.required']));
    const answered = await citizen.client.postMultipart(
      `/applications/${applicationId}/supplement`,
      { message: 'Here is a sharper one.', healthCertificateNumber: '' },
      { field: 'photo', bytes: await portraitJpeg(), name: 'p.jpg', type: 'image/jpeg' },
    );
    expect(answered.location).toBe(`/applications/${applicationId}?answered=1`);
    await waitFor(
      async () => ((await statusOf(applicationId)) === 'PENDING_REVIEW' ? true : undefined),
      'checks again',
    );
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM application_messages WHERE application_id = $1 AND kind = 'SUPPLEMENT'`,
      [applicationId],
    );
    expect(n).toBe(1);
  });

  it('creates one application from a check-answers page sent twice, and lands both on its confirmation', async () => {
    const citizen = await registeredCitizen(t.url, db);
    const { checkPage } = await fillApplication(citizen);
    const key = submissionKeyOf(checkPage);
    const [first, second] = await Promise.all([
      citizen.client.post('/apply/check', { submissionKey: key }),
      citizen.client.post('/apply/check', { submissionKey: key }),
    ]);
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    const again = await citizen.client.post('/apply/check', { submissionKey: key });
    expect(again.location).toBe(first.location);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM applications WHERE national_id = $1`, [
      citizen.driver.nationalId,
    ]);
    expect(n).toBe(1);
  });

  it('refuses what the intake refuses on the check page, linked to the page that puts it right', async () => {
    const citizen = await registeredCitizen(t.url, db);
    // The register now says the licence is foreign: the intake refuses it before any payment.
    await fillApplication(citizen);
    await db.query(`UPDATE licences SET origin = 'FOREIGN' WHERE number = $1`, [citizen.licence]);
    // The check-your-answers page says so before the citizen is sent to pay, and offers no payment.
    const check = await citizen.client.get('/apply/check');
    expect(check.status).toBe(200);
    expect(check.text).toContain(html(vi['apply.check.refused.LICENCE_ORIGIN']));
    expect(check.text).toContain(html(vi['apply.check.refusedNoFee']));
    expect(check.text).toContain('href="/apply/licence?returnTo=check#licenceNumber"');
    expect(check.text).not.toContain('name="submissionKey"');
    // Submitting anyway (a page kept open from before) is refused the same way, and charges nothing.
    const refused = await citizen.client.post('/apply/check', { submissionKey: 'kept-open-page-0001' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(html(vi['apply.check.refused.LICENCE_ORIGIN']));
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM payments p JOIN applications a ON a.id = p.application_id WHERE a.licence_number = $1`,
      [citizen.licence],
    );
    expect(n).toBe(0);
  });

  it("lists on the check page the fines the applicant must pay, never another driver's, in both languages", async () => {
    const citizen = await registeredCitizen(t.url, db);
    await fillApplication(citizen);
    const me = citizen.driver.nationalId;
    const other = (await insertDriver(db, { fullName: 'Phạm Văn Đức', sex: 'M', dateOfBirth: '1979-01-01' }))
      .nationalId;
    const tag = citizen.licence.slice(-6);
    const myPlate = `30F-${tag.slice(0, 3)}.${tag.slice(3)}`;
    await insertVehicle(db, myPlate, me);
    await insertViolation(db, {
      id: `VP-DRIVER-${tag}`,
      plate: '29A-555.55',
      nationalId: me,
      amount: 170_000,
    });
    await insertViolation(db, { id: `VP-CAMERA-${tag}`, plate: myPlate, nationalId: null, amount: 250_000 });
    // Another, identified driver on the applicant's car; someone else's fine; a fine already paid.
    await insertViolation(db, { id: `VP-OTHER-${tag}`, plate: myPlate, nationalId: other, amount: 990_000 });
    await insertViolation(db, { id: `VP-STRANGER-${tag}`, plate: null, nationalId: other, amount: 880_000 });
    await insertViolation(db, {
      id: `VP-PAID-${tag}`,
      plate: null,
      nationalId: me,
      amount: 770_000,
      paid: true,
    });

    const finesOn = (page: Page) => /id="unpaid-fines"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    const expectOwnFines = (page: Page, lang: 'vi' | 'en') => {
      const text = lang === 'vi' ? vi : en;
      const section = finesOn(page);
      expect(section).toContain(html(text['fines.heading']));
      expect(section).toContain(html(text['fines.whatToDo']));
      for (const amount of lang === 'vi' ? ['170.000 ₫', '250.000 ₫'] : ['170,000 VND', '250,000 VND']) {
        expect(section).toContain(amount);
      }
      expect(section).toContain('02/01/2026');
      expect(section).toContain('29A-555.55');
      expect(section).toContain(myPlate);
      expect(section).toContain(`VP-DRIVER-${tag}`);
      expect(section).toContain(`VP-CAMERA-${tag}`);
      for (const theirs of [
        'VP-OTHER',
        'VP-STRANGER',
        'VP-PAID',
        // Whole amounts: the applicant's own plate, made from random digits, may hold "770." or "880,".
        '990.000',
        '990,000',
        '880.000',
        '880,000',
        '770.000',
        '770,000',
      ]) {
        expect(page.text).not.toContain(theirs);
      }
    };
    const check = expectStatus(await citizen.client.get('/apply/check'), 200, 'check (vi)');
    expect(check.text).toContain(html(vi['apply.check.refused.UNPAID_VIOLATIONS']));
    expectOwnFines(check, 'vi');
    citizen.client.setLanguage('en');
    expectOwnFines(expectStatus(await citizen.client.get('/apply/check'), 200, 'check (en)'), 'en');
    // Submitting a page kept open from before: refused with the same list, nothing charged.
    const refused = await citizen.client.post('/apply/check', { submissionKey: `kept-open-${tag}` });
    expect(refused.status).toBe(400);
    expectOwnFines(refused, 'en');
  });

  it('shows a change of details the citizen-ID record and asks only for a confirmation', async () => {
    const citizen = await registeredCitizen(t.url, db);
    expectStatus(await citizen.client.get('/apply/type'), 200, 'type');
    expectStatus(await citizen.client.post('/apply/type', { type: 'DETAILS_CHANGE' }), 303, 'type');
    const page = expectStatus(await citizen.client.get('/apply/licence'), 200, 'licence');
    expect(page.text).toContain(html(vi['apply.details.fromRecord']));
    expect(page.text).toContain(html(citizen.driver.fullName));
    expect(page.text).not.toContain('name="newFullName"');
    const unconfirmed = await citizen.client.post('/apply/licence', { licenceNumber: citizen.licence });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain(html(vi['apply.details.confirm.required']));
    const confirmed = await citizen.client.post('/apply/licence', {
      licenceNumber: citizen.licence,
      detailsConfirmed: 'true',
    });
    expect(confirmed.status).toBe(303);
  });

  it('cancels from the status page after asking to confirm, and pays again after a failed payment', async () => {
    const citizen = await registeredCitizen(t.url, db);
    const { checkPage } = await fillApplication(citizen);
    const sent = await citizen.client.post('/apply/check', { submissionKey: submissionKeyOf(checkPage) });
    const applicationId = sent.location!.split('/').pop()!;
    const confirmation = await citizen.client.get(sent.location!);
    const paymentId = /href="\/pay\/([0-9a-f-]{36})"/.exec(confirmation.text)![1];
    await citizen.client.get(`/pay/${paymentId}`);
    expect((await citizen.client.post(`/pay/${paymentId}`, { outcome: 'FAILED' })).location).toBe(
      `/applications/${applicationId}`,
    );
    const status = await citizen.client.get(`/applications/${applicationId}`);
    expect(status.text).toContain(html(vi['status.payAgain']));
    const again = await citizen.client.post(`/applications/${applicationId}/pay`, {});
    expect(again.location).toMatch(/^\/pay\/[0-9a-f-]{36}$/);
    expect(again.location).not.toBe(`/pay/${paymentId}`);

    expectStatus(await citizen.client.get(`/applications/${applicationId}/cancel`), 200, 'cancel page');
    const cancelled = await citizen.client.post(`/applications/${applicationId}/cancel`, {
      reason: 'Applied by mistake',
    });
    expect(cancelled.location).toBe(`/applications/${applicationId}?cancelled=1`);
    expect(await statusOf(applicationId)).toBe('CANCELLED');
    const after = await citizen.client.get(`/applications/${applicationId}?cancelled=1`);
    expect(after.text).toContain(html(vi['status.notice.cancelled']));
    expect(after.text).not.toContain('id="cancel-link"');
    const tooLate = await citizen.client.post(`/applications/${applicationId}/cancel`, {});
    expect(tooLate.status).toBe(409);
    expect(tooLate.text).toContain(html(vi['cancel.errors.tooLate']));
  });
});
