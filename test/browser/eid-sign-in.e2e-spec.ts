import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import en from '../../src/web/i18n/en.json';
import vi from '../../src/web/i18n/vi.json';
import { insertDriver, nationalIdFor } from '../support/factories/records';
import { OidcTestApp, startOidcTestApp } from '../support/oidc/oidc-test-app';
import { launchChromium, screenshot, seriousAccessibilityProblems } from './browser';

/**
 * Sign-in with the national e-ID in a real browser: from the service's sign-in page through the
 * provider's own pages and back signed in; out again through the provider's logout page (which the
 * page's Content-Security-Policy must let the sign-out form lead to); and the page for an identity with
 * no driver record. Pages of the service are checked with axe-core; screenshots go to test-artifacts/.
 */
describe('sign-in with the national e-ID in a browser', () => {
  let app: OidcTestApp;
  let db: DataSource;
  let browser: Browser;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startOidcTestApp();
    db = await new DataSource(
      dataSourceOptions({ DATABASE_URL: app.t.db.url, DB_POOL_SIZE: 2 }),
    ).initialize();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
    await app?.close();
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

  async function audit(page: Page, name: string): Promise<void> {
    const problems = await seriousAccessibilityProblems(page);
    expect({ page: name, problems }).toEqual({ page: name, problems: [] });
    await screenshot(page, name);
  }

  /** On the service's sign-in page: the e-ID button, then the provider's sign-in form. */
  async function signInAtProvider(page: Page, login: string, lang: 'vi' | 'en' = 'vi'): Promise<void> {
    await page.goto(`${app.url}/sign-in?next=%2Fapplications`);
    const texts = lang === 'vi' ? vi : en;
    if (lang === 'en') {
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL(/\/sign-in/);
    }
    await page.locator('main').getByRole('button', { name: texts['eid.signIn.button'] }).click();
    await page.waitForURL((url) => url.href.startsWith(`${app.idp.issuer}/interaction/`));
    await page.fill('#login', login);
    await page.click('#idp-sign-in');
  }

  it('signs a citizen in through the provider, and out of both', async () => {
    const driver = await insertDriver(db, {
      fullName: 'Phạm Minh Tuấn',
      sex: 'M',
      dateOfBirth: '1992-06-15',
    });
    app.idp.addPerson({
      login: 'tuan',
      claims: { national_id: driver.nationalId, name: 'PHAM MINH TUAN', birthdate: '1992-06-15' },
    });
    const page = await newPage();
    await page.goto(`${app.url}/sign-in`);
    await audit(page, 'eid-sign-in');

    await signInAtProvider(page, 'tuan');
    await page.waitForURL(`${app.url}/applications`);
    await expect(page.locator('h1').textContent()).resolves.toBe(vi['applications.title']);

    // The header's sign-out form leads to the provider's logout page, and from there back home.
    await page.getByRole('button', { name: vi['nav.signOut'] }).click();
    await page.waitForURL((url) => url.href.startsWith(`${app.idp.issuer}/session/end`));
    await page.click('#idp-sign-out');
    await page.waitForURL(`${app.url}/?signedOut=1`);
    await expect(page.locator('main').textContent()).resolves.toContain(vi['signOut.done']);
    await page.goto(`${app.url}/applications`);
    expect(page.url()).toMatch(/\/sign-in\?next=/);
    expect(browserErrors).toEqual([]);
  });

  it('explains, in English too, that an identity without a driver record gets no account', async () => {
    app.idp.addPerson({
      login: 'no-record',
      claims: { national_id: nationalIdFor('1990-01-01', 'F'), name: 'Vũ Thị Lan', birthdate: '1990-01-01' },
    });
    const page = await newPage();
    await signInAtProvider(page, 'no-record', 'en');
    await page.waitForURL((url) => url.pathname === '/auth/oidc/callback');
    await expect(page.locator('#eid-problem').textContent()).resolves.toBe(en['eid.refused.noRecord']);
    await audit(page, 'eid-no-record');
    expect(browserErrors).toEqual([]);
  });
});
