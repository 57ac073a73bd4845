import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import vi from '../src/web/i18n/vi.json';
import { expectStatus, html, staffOnWeb } from './browser/web-journey';
import {
  citizenWithLicence,
  payWithSimulator,
  submitApplication,
  waitForApplication,
} from './support/case-fixtures';
import { applicationBody, uploadPhoto } from './support/citizen-journey';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/** A licence missing from the register: paid for, verified by the issuing office, decided by an officer. */
describe('licence verification (a licence missing from the register)', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: StaffAccountFixture;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  /** A citizen applies with a licence number the register does not have, pays, and the case waits. */
  async function waitingCase(number: string) {
    const c = await citizenWithLicence(t.url, db);
    const photo = await uploadPhoto(t.url, c.token);
    const res = await submitApplication(
      t.url,
      c.token,
      applicationBody(number, photo, { healthCertificateNumber: c.certificate }),
    );
    expect(res.status).toBe(201);
    await payWithSimulator(t.url, c.token, res.body.payment.id);
    const app = await waitForApplication(t.url, c.token, res.body.id);
    expect(app.status).toBe('AWAITING_VERIFICATION');
    return { c, id: res.body.id as string, fee: res.body.fee.amount as number };
  }

  it('the officer records on the case page that the issuing office has no record: refused, fee refunded once', async () => {
    const { id, fee } = await waitingCase('019999999991');
    const desk = await staffOnWeb(t.url, officer.username, officer.password);
    const casePath = `/staff/cases/${id}`;
    expect((await desk.post(`${casePath}/claim`, {})).location).toBe(`${casePath}?done=claimed`);
    const page = await desk.get(casePath);
    expectStatus(page, 200, 'case');
    expect(page.text).toContain(html(vi['case.verify.heading']));
    expect(page.text).not.toContain(`action="${casePath}/approve"`);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];

    // A note is required: the form says so in the officer's language.
    const missing = await desk.post(`${casePath}/verify`, { version, confirmed: 'no' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain(html(vi['case.verify.note.required']));

    const done = await desk.post(`${casePath}/verify`, {
      version,
      confirmed: 'no',
      note: 'Sở GTVT Hà Nội: không có trong sổ cấp phép 1998–2005',
    });
    expect(done.location).toBe(`${casePath}?done=verified`);
    const [app] = await db.query<{ status: string; decision_reason_code: string }[]>(
      `SELECT status, decision_reason_code FROM applications WHERE id = $1`,
      [id],
    );
    expect(app).toEqual({ status: 'REJECTED', decision_reason_code: 'LICENCE_NOT_ELIGIBLE' });
    const refunds = await waitFor(async () => {
      const rows = await db.query<{ status: string; amount: number }[]>(
        `SELECT status, amount FROM payment_refunds WHERE application_id = $1`,
        [id],
      );
      return rows[0]?.status === 'REFUNDED' ? rows : undefined;
    }, 'the refund');
    expect(refunds).toEqual([{ status: 'REFUNDED', amount: fee }]);
  });

  it('a confirmation is refused until the licence is in the register, then sends the case through the checks again', async () => {
    const { c, id } = await waitingCase('019999999992');
    const desk = await staffOnWeb(t.url, officer.username, officer.password);
    const casePath = `/staff/cases/${id}`;
    await desk.post(`${casePath}/claim`, {});
    const version = /name="version" value="(\d+)"/.exec((await desk.get(casePath)).text)![1];
    const early = await desk.post(`${casePath}/verify`, {
      version,
      confirmed: 'yes',
      note: 'Xác nhận qua điện thoại',
    });
    expect(early.status).toBe(409);

    // The office adds the licence to the register (as records:import would), in the applicant's name.
    await db.query(
      `INSERT INTO licences (number, national_id, card_kind, status, points, issuing_province_code)
       SELECT '019999999992', national_id, 'PAPER', 'VALID', 12, '01' FROM licences WHERE number = $1`,
      [c.number],
    );
    await db.query(
      `INSERT INTO licence_classes (licence_number, class, issued_on, expires_on)
       SELECT '019999999992', class, issued_on, expires_on FROM licence_classes WHERE licence_number = $1`,
      [c.number],
    );
    const confirmed = await desk.post(`${casePath}/verify`, {
      version,
      confirmed: 'yes',
      note: 'Xác nhận qua điện thoại',
    });
    expect(confirmed.location).toBe(`${casePath}?done=verified`);
    const app = await waitForApplication(
      t.url,
      c.token,
      id,
      (a) => !['CHECKING', 'AWAITING_VERIFICATION'].includes(a.status),
    );
    expect(app.status).toBe('PENDING_REVIEW');
  });
});
