import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import type { Page } from './browser/web-client';
import {
  applyAndPayOnWeb,
  expectStatus,
  registeredCitizen,
  staffOnWeb,
  WEB_PASSWORD,
  WebCitizen,
} from './browser/web-journey';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { partnerWithKey } from './support/factories/shipments';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/** Codes of application and shipment states: a page must show their words, never the codes. */
const STATE_CODES =
  /\b(AWAITING_PAYMENT|PENDING_REVIEW|NEEDS_INFO|NEEDS_ATTENTION|APPROVED|ISSUED|IN_DELIVERY|DELIVERED|RETURNED_TO_OFFICE|COLLECTED|READY|LEASED|PICKED_UP|IN_TRANSIT|OUT_FOR_DELIVERY|DELIVERY_FAILED|RETURNED)\b/;
const RAW_KEY = /\b(appStatus|shipmentStatus|checks|staffChecks|evidence|case|status|timeline)\.[A-Za-z_.]+/;

/** What a reader sees: the text between the tags, without scripts. */
export const visibleText = (page: Page) =>
  page.text
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** Fails with the offending words when a page shows a code, a key, an ISO date or an unformatted amount. */
export function expectReadable(page: Page, lang: 'vi' | 'en', what: string) {
  expectStatus(page, 200, what);
  const text = visibleText(page);
  const problems = [
    /Missing translation/.exec(page.text)?.[0],
    STATE_CODES.exec(text)?.[0],
    RAW_KEY.exec(text)?.[0],
    /\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/.exec(text)?.[0],
    /\b\d{4,}\s*(VND|₫)/.exec(text)?.[0],
    ...(lang === 'vi' ? [/\bVND\b/.exec(text)?.[0]] : []),
    /[{}]/.exec(text)?.[0],
  ].filter(Boolean);
  expect({ what, problems }).toEqual({ what, problems: [] });
}

describe('case pages in every state after the decision, in both languages', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: StaffAccountFixture;
  let partner: { key: string };
  let eventSerial = 0;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all', env: { POSTAL_MAX_DELIVERY_ATTEMPTS: '1' } });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    partner = await partnerWithKey(db, 'Vietnam Post');
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const api = (method: 'get' | 'post', path: string) =>
    request(t.url)[method](path).set('authorization', `Bearer ${officer.accessToken}`);
  const statusOf = async (id: string) =>
    (await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;
  const reached = (id: string, status: string) =>
    waitFor(async () => ((await statusOf(id)) === status ? true : undefined), `${id} to be ${status}`);

  /** A citizen's application, applied for and paid on the web, approved by the officer and issued. */
  async function issuedCase(): Promise<{ citizen: WebCitizen; id: string }> {
    const citizen = await registeredCitizen(t.url, db);
    const { applicationId: id } = await applyAndPayOnWeb(citizen, db);
    const claim = await api('post', `/api/v1/staff/applications/${id}/claim`).expect(200);
    await api('post', `/api/v1/staff/applications/${id}/approve`)
      .send({ version: claim.body.version })
      .expect(200);
    await reached(id, 'ISSUED');
    return { citizen, id };
  }

  async function pickUp(id: string): Promise<string> {
    const [{ tracking_number: trackingNumber }] = await db.query<{ tracking_number: string }[]>(
      `SELECT tracking_number FROM shipments WHERE application_id = $1`,
      [id],
    );
    await waitFor(async () => {
      const res = await request(t.url)
        .post('/api/v1/postal/shipments/claim')
        .set('x-api-key', partner.key)
        .send({ limit: 50 });
      return (res.body.items as { trackingNumber: string }[]).some((i) => i.trackingNumber === trackingNumber)
        ? true
        : undefined;
    }, 'the shipment to be leased');
    await request(t.url)
      .post(`/api/v1/postal/shipments/${trackingNumber}/pickup`)
      .set('x-api-key', partner.key)
      .expect(200);
    return trackingNumber;
  }

  async function postalEvent(trackingNumber: string, type: string, extra: Record<string, unknown> = {}) {
    const res = await request(t.url)
      .post('/api/v1/postal/events')
      .set('x-api-key', partner.key)
      .send({
        events: [
          {
            eventId: `case-pages-${++eventSerial}`,
            trackingNumber,
            type,
            occurredAt: new Date().toISOString(),
            ...extra,
          },
        ],
      })
      .expect(200);
    expect(res.body.results[0].result).toBe('APPLIED');
  }

  /** The officer's case page and the citizen's status page, each in Vietnamese and English. */
  async function expectPagesReadable(c: { citizen: WebCitizen; id: string }, state: string) {
    expect(await statusOf(c.id)).toBe(state);
    for (const lang of ['vi', 'en'] as const) {
      const desk = await staffOnWeb(t.url, officer.username, officer.password, lang);
      const casePage = await desk.get(`/staff/cases/${c.id}`);
      expectReadable(casePage, lang, `${state} /staff/cases (${lang})`);
      c.citizen.client.setLanguage(lang);
      const statusPage = await c.citizen.client.get(`/applications/${c.id}`);
      expectReadable(statusPage, lang, `${state} /applications (${lang})`);
      // The new licence is shown to both, beside the old one for the officer.
      expect(casePage.text).toMatch(/id="new-licence"[\s\S]*VN-\d{4}-\d{8}/);
      expect(statusPage.text).toContain('id="new-licence"');
    }
  }

  it('shows ISSUED, IN_DELIVERY and DELIVERED', async () => {
    const c = await issuedCase();
    await expectPagesReadable(c, 'ISSUED');
    const trackingNumber = await pickUp(c.id);
    await reached(c.id, 'IN_DELIVERY');
    await expectPagesReadable(c, 'IN_DELIVERY');
    await postalEvent(trackingNumber, 'OUT_FOR_DELIVERY');
    await postalEvent(trackingNumber, 'DELIVERED');
    await reached(c.id, 'DELIVERED');
    await expectPagesReadable(c, 'DELIVERED');
  });

  it('shows RETURNED_TO_OFFICE and COLLECTED', async () => {
    const c = await issuedCase();
    const trackingNumber = await pickUp(c.id);
    await postalEvent(trackingNumber, 'OUT_FOR_DELIVERY');
    await postalEvent(trackingNumber, 'DELIVERY_FAILED', { detail: 'nobody home' });
    await reached(c.id, 'RETURNED_TO_OFFICE');
    await expectPagesReadable(c, 'RETURNED_TO_OFFICE');
    await api('post', `/api/v1/staff/applications/${c.id}/collect`).expect(200);
    await expectPagesReadable(c, 'COLLECTED');
  });

  it('gives the citizen the new licence in the API: number, card, date, points and classes', async () => {
    const c = await issuedCase();
    const [card] = await db.query<{ serial: string; licence_number: string }[]>(
      `SELECT serial, licence_number FROM licence_cards WHERE application_id = $1`,
      [c.id],
    );
    const login = await request(t.url)
      .post('/api/v1/auth/citizen/login')
      .send({ nationalId: c.citizen.driver.nationalId, password: WEB_PASSWORD })
      .expect(200);
    const own = await request(t.url)
      .get(`/api/v1/applications/${c.id}`)
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(own.body.licence).toEqual({
      number: card.licence_number,
      cardKind: 'PET',
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      serial: card.serial,
      points: 12,
      classes: [
        { class: 'B', issuedOn: '2016-12-01', expiresOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      ],
    });
    // Check results in the language of Accept-Language, Vietnamese by default.
    const health = (body: { checks: { rule: string; detail: string }[] }) =>
      body.checks.find((k) => k.rule === 'HEALTH_CERTIFICATE')!.detail;
    expect(health(own.body)).toMatch(/^Giấy khám sức khỏe HC-\d{12} \(cấp ngày \d{2}\/\d{2}\/\d{4}, /);
    const english = await request(t.url)
      .get(`/api/v1/applications/${c.id}`)
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .set('accept-language', 'en-GB,en;q=0.9')
      .expect(200);
    expect(health(english.body)).toMatch(/^Health certificate HC-\d{12} \(issued \d{2}\/\d{2}\/\d{4}, /);
    const [stored] = await db.query<{ detail: string }[]>(
      `SELECT detail FROM application_checks WHERE application_id = $1 AND rule = 'HEALTH_CERTIFICATE'`,
      [c.id],
    );
    expect(stored.detail).toMatch(/^Health certificate HC-\d{12} \(issued \d{4}-\d{2}-\d{2}, /); // the record
    const staffView = (await api('get', `/api/v1/staff/applications/${c.id}`).expect(200)).body;
    expect(health(staffView)).toMatch(/^Giấy khám sức khỏe/);
    expect(staffView.newLicence).toMatchObject({
      number: card.licence_number,
      serial: card.serial,
      points: 12,
    });
    // The old licence is the one checked: a B2 class, renamed B on the new card.
    expect(staffView.licence.classes.map((k: { class: string }) => k.class)).toEqual(['B2']);
    expect(staffView.newLicence.classes).toEqual([
      { class: 'B', issuedOn: '2016-12-01', expiresOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
  });

  it('writes every notice, and the citizen pages, without ISO times or unformatted amounts', async () => {
    const c = await issuedCase();
    c.citizen.client.setLanguage('vi');
    for (const path of ['/applications', `/applications/${c.id}`, `/apply/confirmation/${c.id}`]) {
      expectReadable(await c.citizen.client.get(path), 'vi', path);
    }
    const notices = await db.query<{ template: string; body: string }[]>(
      `SELECT template, body FROM notifications WHERE channel = 'SMS'`,
    );
    expect(notices.map((n) => n.template)).toEqual(
      expect.arrayContaining([
        'SUBMITTED',
        'PAID',
        'IN_REVIEW',
        'APPROVED',
        'ISSUED',
        'IN_DELIVERY',
        'DELIVERED',
      ]),
    );
    for (const { template, body } of notices) {
      const problems = [
        /\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/.exec(body)?.[0],
        /\b\d{4,}\s*(VND|₫)/.exec(body)?.[0],
        /\bVND\b/.exec(body)?.[0],
        /[{}\n]/.exec(body)?.[0],
      ].filter(Boolean);
      expect({ template, body, problems }).toEqual({ template, body, problems: [] });
    }
    const submitted = notices.find((n) => n.template === 'SUBMITTED')!.body;
    expect(submitted).toMatch(/lệ phí \d{1,3}(\.\d{3})+ ₫ trước \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./);
  });
});
