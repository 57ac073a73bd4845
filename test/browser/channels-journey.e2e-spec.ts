import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { txnRefOf } from '../../src/payments/vnpay/vnpay-messages';
import vi from '../../src/web/i18n/vi.json';
import { portraitJpeg } from '../support/citizen-journey';
import { createStaffAndSignIn, StaffAccountFixture } from '../support/factories/accounts';
import {
  daysFromToday,
  DriverFixture,
  insertDriver,
  insertHealthCertificate,
  insertLicence,
  licenceNumber,
} from '../support/factories/records';
import { MailCatcher } from '../support/notices/mail-catcher';
import { noticesOf, NoticeRow } from '../support/notices/notice-fixtures';
import { SmsGateway } from '../support/notices/sms-gateway';
import { OidcTestApp, startOidcTestApp } from '../support/oidc/oidc-test-app';
import { SIM_PAY } from '../support/vnpay-journey';
import { waitFor } from '../support/wait';
import { launchChromium, screenshot } from './browser';

const merchant = { tmnCode: 'TESTTMN1', hashSecret: 'vnpay-test-hash-secret-0123456789' };

/**
 * The real channels end to end, in a browser: a citizen signs in with the national e-ID at an OpenID
 * provider started here, chooses e-mail on the account page, applies on the web form, pays on the VNPAY
 * simulator (VNPAY 2.1.0: signed payment URL, IPN, return page) and gets the notices by e-mail (an SMTP
 * server started here) and SMS (a gateway on loopback). An officer then refuses the case in the browser:
 * the fee goes back through VNPAY's refund API (the simulator's ledger shows it) and the refusal reaches
 * both channels too.
 */
describe('sign-in by e-ID, payment by VNPAY, notices by e-mail and SMS, in a browser', () => {
  let app: OidcTestApp;
  let db: DataSource;
  let browser: Browser;
  let driver: DriverFixture;
  let officer: StaffAccountFixture;
  const mail = new MailCatcher();
  const gateway = new SmsGateway();
  const licence = licenceNumber();
  const certificate = `HC-${licence}`;
  const emailAddress = 'hoang.an@example.vn';
  const browserErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    await mail.start();
    await gateway.start();
    app = await startOidcTestApp(
      {
        PAYMENT_GATEWAY: 'vnpay',
        VNPAY_TMN_CODE: merchant.tmnCode,
        VNPAY_HASH_SECRET: merchant.hashSecret,
        NOTIFY_EMAIL_TRANSPORT: 'smtp',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.port),
        MAIL_FROM: 'Cấp đổi GPLX <no-reply@gplx.example.vn>',
        NOTIFY_SMS_TRANSPORT: 'http',
        SMS_GATEWAY_URL: gateway.url,
        SMS_GATEWAY_API_KEY: 'gateway-test-key',
        SMS_BRANDNAME: 'CSGT-GPLX',
      },
      'all',
    );
    db = await new DataSource(
      dataSourceOptions({ DATABASE_URL: app.t.db.url, DB_POOL_SIZE: 2 }),
    ).initialize();
    driver = await insertDriver(db, { fullName: 'Hoàng Văn An', sex: 'M', dateOfBirth: '1987-11-20' });
    await insertLicence(db, {
      number: licence,
      nationalId: driver.nationalId,
      classes: [{ class: 'B2', issuedOn: '2016-12-01', expiresOn: daysFromToday(60) }],
    });
    await insertHealthCertificate(db, {
      number: certificate,
      nationalId: driver.nationalId,
      issuedOn: daysFromToday(-30),
      validUntil: daysFromToday(335),
      groups: [2],
    });
    app.idp.addPerson({
      login: 'an',
      claims: { national_id: driver.nationalId, name: 'HOANG VAN AN', birthdate: '1987-11-20' },
    });
    officer = await createStaffAndSignIn(app.t, 'officer', { provinceCode: driver.provinceCode });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
    await app?.close();
    await mail.stop();
    await gateway.stop();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        browserErrors.push(`${page.url()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => browserErrors.push(`${page.url()}: ${e.message}`));
    return page;
  }

  const main = (page: Page) => page.locator('main');
  const submit = (page: Page, label: string) =>
    main(page).getByRole('button', { name: label, exact: true }).click();

  /** Waits until every notice of the application is SENT and there are at least `count`; returns them. */
  const sentNotices = (applicationId: string, count: number) =>
    waitFor(
      async () => {
        const notices = await noticesOf(db, applicationId);
        return notices.length >= count && notices.every((n) => n.status === 'SENT') ? notices : undefined;
      },
      `${count} notices to be sent`,
      30_000,
    );

  /** Each notice arrived once where it was sent: the e-mail at the SMTP server, the SMS at the gateway. */
  function expectDelivered(notices: NoticeRow[]): void {
    for (const notice of notices) {
      if (notice.channel === 'EMAIL') {
        const arrived = mail.messages.filter((m) => m.messageId === notice.provider_message_id);
        expect(arrived).toEqual([
          expect.objectContaining({ envelopeTo: [emailAddress], subject: notice.subject }),
        ]);
      } else {
        const arrived = gateway.delivered.filter((r) => r.headers['idempotency-key'] === notice.id);
        expect(arrived).toEqual([
          expect.objectContaining({
            body: expect.objectContaining({ from: 'CSGT-GPLX', requestId: notice.id }),
          }),
        ]);
      }
    }
  }

  it('signs in by e-ID, applies, pays on VNPAY, hears by e-mail and SMS; a refusal is refunded through VNPAY', async () => {
    const page = await newPage();

    // Sign in with the national e-ID: the provider's page, then back, the account made at first sign-in.
    await page.goto(`${app.url}/sign-in?next=%2Faccount`);
    await main(page).getByRole('button', { name: vi['eid.signIn.button'] }).click();
    await page.waitForURL((url) => url.href.startsWith(`${app.idp.issuer}/interaction/`));
    await page.fill('#login', 'an');
    await page.click('#idp-sign-in');
    await page.waitForURL(`${app.url}/account`);

    // Notices by e-mail too (SMS is on from the start).
    await page.check('#email');
    await page.fill('#emailAddress', emailAddress);
    await submit(page, vi['account.save']);
    await expect(page.locator('#notice').textContent()).resolves.toBe(vi['account.saved']);

    // The application form, page by page.
    await page.goto(`${app.url}/apply/type`);
    await page.check('#type');
    await submit(page, vi['common.continue']);
    await page.waitForURL(/\/apply\/licence$/);
    await page.fill('#licenceNumber', licence);
    await submit(page, vi['common.continue']);
    await page.waitForURL(/\/apply\/photo$/);
    await page.setInputFiles('#photo', {
      name: 'portrait.jpg',
      mimeType: 'image/jpeg',
      buffer: await portraitJpeg(),
    });
    await submit(page, vi['apply.photo.upload']);
    await page.waitForURL(/\/apply\/photo\?uploaded=1$/);
    await main(page).locator('#continue').click();
    await page.waitForURL(/\/apply\/health$/);
    await page.fill('#healthCertificateNumber', certificate);
    await submit(page, vi['common.continue']);
    await page.waitForURL(/\/apply\/delivery$/);
    await page.check('#method');
    await page.fill('#street', '45 Lý Thường Kiệt');
    await submit(page, vi['common.continue']);
    await page.waitForURL(/\/apply\/check$/);
    await Promise.all([page.waitForURL(/\/apply\/confirmation\//), page.locator('#submit').click()]);
    const reference = (await page.locator('#reference').textContent())!.trim();
    const [application] = await db.query<{ id: string; payment_id: string; amount: number }[]>(
      `SELECT a.id, p.id AS payment_id, p.amount FROM applications a JOIN payments p ON p.application_id = a.id
       WHERE a.reference = $1`,
      [reference],
    );

    // Pay: our pay link sends the browser to VNPAY (the simulator) with a signed URL; VNPAY calls the
    // IPN, then sends the browser back to the return page.
    await page.locator('#pay-now').click();
    await page.waitForURL((url) => url.pathname === SIM_PAY);
    expect(new URL(page.url()).searchParams.get('vnp_TxnRef')).toBe(txnRefOf(application.payment_id));
    await screenshot(page, 'channels-vnpay');
    await page.locator('#pay').click();
    await page.waitForURL((url) => url.pathname === '/payments/vnpay/return');
    await expect(page.locator('#vnpay-result').textContent()).resolves.toContain(vi['vnpayReturn.paid']);
    await waitFor(async () => {
      const [row] = await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [
        application.id,
      ]);
      return row.status === 'PENDING_REVIEW' ? true : undefined;
    }, 'the checks to pass');

    // The notices so far (submitted, and each step after payment) went out on both channels.
    const first = await sentNotices(application.id, 2);
    expect(new Set(first.map((n) => n.channel))).toEqual(new Set(['EMAIL', 'SMS']));
    expectDelivered(first);
    expect(mail.messages.some((m) => m.subject?.includes(reference))).toBe(true);

    // An officer refuses the case in the browser.
    const desk = await newPage();
    await desk.goto(`${app.url}/staff/sign-in`);
    await desk.fill('#username', officer.username);
    await desk.fill('#password', officer.password);
    await submit(desk, vi['signIn.button']);
    await desk.waitForURL(/\/staff$/);
    await desk.goto(`${app.url}/staff/cases/${application.id}`);
    await submit(desk, vi['case.claim.button']);
    await expect(desk.locator('#notice').textContent()).resolves.toBe(vi['case.done.claimed']);
    const reason = await desk
      .locator('#reasonCode option[value]:not([value=""])')
      .first()
      .getAttribute('value');
    await desk.selectOption('#reasonCode', reason);
    await desk.fill('#note', 'Ảnh chân dung không đạt yêu cầu.');
    await submit(desk, vi['case.reject.button']);
    await expect(desk.locator('#notice').textContent()).resolves.toBe(vi['case.done.rejected']);

    // The fee goes back through VNPAY's refund API: our refund is settled, the simulator's ledger has it.
    const refund = await waitFor(async () => {
      const [row] = await db.query<{ status: string; amount: number; provider_refund_id: string }[]>(
        `SELECT status, amount, provider_refund_id FROM payment_refunds WHERE application_id = $1`,
        [application.id],
      );
      return row?.status === 'REFUNDED' ? row : undefined;
    }, 'the VNPAY refund');
    expect(refund).toEqual({ status: 'REFUNDED', amount: application.amount, provider_refund_id: '00' });
    const [ledger] = await db.query<{ refunded_amount: string }[]>(
      `SELECT refunded_amount::text FROM vnpay_simulator_transactions WHERE txn_ref = $1`,
      [txnRefOf(application.payment_id)],
    );
    expect(Number(ledger.refunded_amount)).toBe(application.amount * 100); // VNPAY's vnp_Amount: đồng × 100

    // The refusal reached the citizen on both channels as well.
    const all = await sentNotices(application.id, first.length + 2);
    expectDelivered(all);
    await screenshot(page, 'channels-done');
    expect(browserErrors).toEqual([]);
  }, 180_000);

  it('shows an admin the queues on the board, after the staff sign-in it leads to', async () => {
    const admin = await createStaffAndSignIn(app.t, 'admin');
    const page = await newPage();
    await page.goto(`${app.url}/staff/admin/queues`);
    await page.waitForURL(/\/staff\/sign-in\?next=%2Fstaff%2Fadmin%2Fqueues$/);
    await page.fill('#username', admin.username);
    await page.fill('#password', admin.password);
    await submit(page, vi['signIn.button']);
    await page.waitForURL(`${app.url}/staff/admin/queues`);
    // bull-board's own page, drawn by its script under the board's CSP: the queues are listed.
    await page.getByText('refunds', { exact: true }).first().waitFor({ timeout: 15_000 });
    await expect(page.locator('body').textContent()).resolves.toContain('issuance');
    await screenshot(page, 'queue-board');
    // The board asks Google for its web font, which the CSP (and this offline machine) refuses.
    expect(browserErrors.filter((e) => !e.includes('fonts.googleapis.com'))).toEqual([]);
  }, 60_000);
});
