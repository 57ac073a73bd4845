import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runSimulation } from '../../src/postal/simulator/simulator';
import en from '../../src/web/i18n/en.json';
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
import { partnerWithKey } from '../support/factories/shipments';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { launchChromium, screenshot, seriousAccessibilityProblems } from './browser';

/**
 * The whole service in a real browser: a citizen registers, applies, pays and follows the case; an
 * officer signs in, claims and approves; the postal simulator takes the card; the citizen sees the
 * tracking number. Every form is first sent with mistakes (errors shown, input kept). Every page the
 * test visits is checked with axe-core, and screenshots go to test-artifacts/.
 */
describe('the web pages in a browser', () => {
  let t: TestApp;
  let db: DataSource;
  let browser: Browser;
  let driver: DriverFixture;
  let officer: StaffAccountFixture;
  const licence = licenceNumber();
  const certificate = `HC-${licence}`;
  const password = 'correct horse battery staple';
  const browserErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    driver = await insertDriver(db, { fullName: 'Trần Thị Bình', sex: 'F', dateOfBirth: '1988-03-04' });
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
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: driver.provinceCode });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
    await t?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    // A refused script, style or image (CSP), a script error, a missing asset or a server error is a
    // defect of the page. (A form sent back with errors answers 400: that is the page working.)
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        browserErrors.push(`${page.url()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => browserErrors.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      const document = r.request().resourceType() === 'document';
      if (r.status() >= (document ? 500 : 400)) browserErrors.push(`${r.url()}: ${r.status()}`);
    });
    return { context, page };
  }

  /** axe on the page as it stands (no serious or critical problems); a screenshot of the main pages. */
  async function audit(page: Page, name: string, shot = false): Promise<void> {
    const problems = await seriousAccessibilityProblems(page);
    expect({ page: name, problems }).toEqual({ page: name, problems: [] });
    if (shot) await screenshot(page, name);
  }

  const main = (page: Page) => page.locator('main');
  const submit = (page: Page, label: string) =>
    main(page).getByRole('button', { name: label, exact: true }).click();

  /** The error summary lists `fields` (in order) and each field says what is wrong beside itself. */
  async function expectErrors(page: Page, fields: string[]): Promise<void> {
    const links = main(page).locator('.error-summary a');
    await expect(links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual(
      fields.map((f) => `#${f}`),
    );
    for (const field of fields) {
      await expect(page.locator(`#${field}-error`).count()).resolves.toBe(1);
    }
    await expect(page.title()).resolves.toMatch(/^(Lỗi|Error):/);
  }

  it('takes a citizen from registering to the tracking number, and an officer through a decision', async () => {
    const { page } = await newPage();

    // Start page, in Vietnamese by default.
    await page.goto(`${t.url}/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('vi');
    await expect(page.locator('h1').textContent()).resolves.toBe(vi['start.title']);
    await audit(page, 'start', true);

    // Start: the sign-in page first; an ID of the wrong form is refused and kept.
    await main(page).getByRole('button', { name: vi['start.button'] }).click();
    await page.waitForURL(/\/sign-in\?next=%2Fapply%2Ftype$/);
    await page.fill('#nationalId', '0012');
    await page.fill('#password', password);
    await submit(page, vi['signIn.button']);
    await expectErrors(page, ['nationalId']);
    await expect(page.inputValue('#nationalId')).resolves.toBe('0012');
    await expect(page.inputValue('#password')).resolves.toBe('');
    await audit(page, 'sign-in-errors');

    // Register: a wrong ID first (the summary links to it; what was typed stays), then right.
    await main(page).getByRole('link', { name: vi['signIn.registerLink'] }).click();
    await page.fill('#nationalId', '12345');
    await page.fill('#fullName', driver.fullName);
    await page.fill('#dateOfBirth', driver.dateOfBirth);
    await page.fill('#phone', driver.phone);
    await page.fill('#password', password);
    await page.fill('#passwordConfirm', password);
    await submit(page, vi['register.button']);
    await expectErrors(page, ['nationalId']);
    await expect(page.inputValue('#nationalId')).resolves.toBe('12345');
    await expect(page.inputValue('#fullName')).resolves.toBe(driver.fullName);
    await main(page).locator('.error-summary a').first().click();
    await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('nationalId');
    await audit(page, 'register-errors', true);
    await page.fill('#nationalId', driver.nationalId);
    await page.fill('#password', password);
    await page.fill('#passwordConfirm', password);
    await submit(page, vi['register.button']);
    await page.waitForURL(/\/apply\/type$/);

    // What to apply for: nothing chosen, then a renewal.
    await submit(page, vi['common.continue']);
    await expectErrors(page, ['type']);
    await audit(page, 'apply-type-errors');
    await page.check('#type');
    await submit(page, vi['common.continue']);

    // Licence number: too short, then right.
    await page.waitForURL(/\/apply\/licence$/);
    await page.fill('#licenceNumber', '0123');
    await submit(page, vi['common.continue']);
    await expectErrors(page, ['licenceNumber']);
    await expect(page.inputValue('#licenceNumber')).resolves.toBe('0123');
    await audit(page, 'apply-licence-errors');
    await page.fill('#licenceNumber', licence);
    await submit(page, vi['common.continue']);

    // Photo: none chosen, then a portrait (previewed in the browser before it is sent).
    await page.waitForURL(/\/apply\/photo$/);
    await submit(page, vi['apply.photo.upload']);
    await expectErrors(page, ['photo']);
    await page.setInputFiles('#photo', {
      name: 'portrait.jpg',
      mimeType: 'image/jpeg',
      buffer: await portraitJpeg(),
    });
    await page.locator('#photo-preview').waitFor({ state: 'visible', timeout: 5000 });
    await expect(page.locator('#photo-preview img').getAttribute('src')).resolves.toMatch(/^blob:/);
    await audit(page, 'apply-photo-preview', true);
    await submit(page, vi['apply.photo.upload']);
    await page.waitForURL(/\/apply\/photo\?uploaded=1$/);
    await expect(
      page
        .locator('main img[src^="/apply/photo/preview"]')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBeGreaterThan(0);
    await main(page).locator('#continue').click();

    // Health certificate (class B2 needs one): a malformed number, then the right one.
    await page.waitForURL(/\/apply\/health$/);
    await page.fill('#healthCertificateNumber', 'no!');
    await submit(page, vi['common.continue']);
    await expectErrors(page, ['healthCertificateNumber']);
    await expect(page.inputValue('#healthCertificateNumber')).resolves.toBe('no!');
    await audit(page, 'apply-health-errors');
    await page.fill('#healthCertificateNumber', certificate);
    await submit(page, vi['common.continue']);

    // Delivery: filled in from the driver record; no method and no street, then by post.
    await page.waitForURL(/\/apply\/delivery$/);
    await expect(page.inputValue('#recipientName')).resolves.toBe(driver.fullName);
    await page.fill('#street', '');
    await submit(page, vi['common.continue']);
    await expectErrors(page, ['method', 'street']);
    await expect(page.inputValue('#commune')).resolves.toBe('Phường Hai Bà Trưng');
    await audit(page, 'apply-delivery-errors');
    await page.check('#method');
    await page.fill('#street', '12 Phố Huế');
    await submit(page, vi['common.continue']);

    // Check answers, send (twice quickly: one application), confirmation with the reference.
    await page.waitForURL(/\/apply\/check$/);
    await expect(main(page).textContent()).resolves.toContain(licence);
    await audit(page, 'apply-check', true);
    await Promise.all([page.waitForURL(/\/apply\/confirmation\//), page.locator('#submit').dblclick()]);
    const reference = (await page.locator('#reference').textContent())?.trim();
    expect(reference).toMatch(/^\d{2}-\d{4}-/);
    await audit(page, 'apply-confirmation', true);
    const [{ n: applications }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM applications WHERE national_id = $1`,
      [driver.nationalId],
    );
    expect(applications).toBe(1);

    // Pay through the simulator, then the status page until the checks are done.
    await page.locator('#pay-now').click();
    await page.waitForURL(/\/pay\//);
    await audit(page, 'pay', true);
    await page.locator('#pay').click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const statusUrl = page.url();
    await waitFor(
      async () => {
        await page.reload();
        return (await page.locator('#status-tag').textContent()) === vi['appStatus.PENDING_REVIEW']
          ? true
          : undefined;
      },
      'the checks to pass',
      20_000,
      300,
    );
    await expect(main(page).textContent()).resolves.toContain(vi['checkText.UNPAID_VIOLATIONS.pass']);
    await audit(page, 'status-pending', true);

    // English, from the switch in the header; remembered for the next pages.
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(statusUrl);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('#status-tag').textContent()).resolves.toBe(en['appStatus.PENDING_REVIEW']);
    await audit(page, 'status-pending-en', true);

    // The officer, in English: a wrong password first, then the queue, the case, claim and approve.
    const { page: desk } = await newPage();
    await desk.goto(`${t.url}/staff/sign-in`);
    await desk.getByRole('link', { name: 'English' }).click();
    await desk.fill('#username', officer.username);
    await desk.fill('#password', 'not the password');
    await submit(desk, en['signIn.button']);
    await expectErrors(desk, ['username']);
    await expect(desk.inputValue('#username')).resolves.toBe(officer.username);
    await audit(desk, 'staff-sign-in-errors');
    await desk.fill('#password', officer.password);
    await submit(desk, en['signIn.button']);
    await desk.waitForURL(/\/staff$/);
    await audit(desk, 'staff-queue', true);
    await main(desk).getByRole('link', { name: reference! }).click();
    await desk.waitForURL(/\/staff\/cases\//);
    await expect(
      desk
        .locator('main img.photo')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBeGreaterThan(0);
    await audit(desk, 'staff-case', true);
    await submit(desk, en['case.claim.button']);
    await expect(desk.locator('#notice').textContent()).resolves.toBe(en['case.done.claimed']);
    await expect(desk.locator('#claim-holder').textContent()).resolves.toBe(en['case.claim.you']);
    await audit(desk, 'staff-case-claimed');
    await submit(desk, en['case.requestInfo.button']);
    await expectErrors(desk, ['message']);
    await audit(desk, 'staff-case-errors');
    await submit(desk, en['case.approve.button']);
    await expect(desk.locator('#notice').textContent()).resolves.toBe(en['case.done.approved']);
    await audit(desk, 'staff-case-approved', true);
    await desk.goto(`${t.url}/staff/stats`);
    await audit(desk, 'staff-stats', true);

    // Issued and handed to the post; the postal simulator picks the card up and delivers it.
    const [{ id: applicationId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM applications WHERE reference = $1`,
      [reference],
    );
    const trackingNumber = await waitFor(async () => {
      const [row] = await db.query<{ tracking_number: string }[]>(
        `SELECT tracking_number FROM shipments WHERE application_id = $1`,
        [applicationId],
      );
      return row?.tracking_number;
    }, 'the card to be issued and a shipment made');
    const { key } = await partnerWithKey(db, 'Vietnam Post (browser test)');
    const report = await runSimulation({
      url: t.url,
      apiKey: key,
      pollers: 1,
      failRate: 0,
      pollIntervalMs: 100,
      stepDelayMs: 0,
      untilIdleMs: 500,
      duplicateRate: 0,
      lateRate: 0,
      seed: 7,
    });
    expect(report).toMatchObject({ pickedUp: 1, delivered: 1 });

    // The citizen sees the tracking number and the delivery, still in English.
    await page.goto(statusUrl);
    await expect(page.locator('#tracking-number').textContent()).resolves.toBe(trackingNumber);
    await expect(page.locator('#status-tag').textContent()).resolves.toBe(en['appStatus.DELIVERED']);
    await expect(main(page).textContent()).resolves.toContain(en['shipmentEvent.DELIVERED']);
    await audit(page, 'status-delivered-en', true);
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect(page.locator('#status-tag').textContent()).resolves.toBe(vi['appStatus.DELIVERED']);
    await audit(page, 'status-delivered', true);

    expect(browserErrors).toEqual([]);
  }, 120_000);
});
