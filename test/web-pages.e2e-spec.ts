import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import en from '../src/web/i18n/en.json';
import vi from '../src/web/i18n/vi.json';
import { WebClient } from './browser/web-client';
import {
  applyAndPayOnWeb,
  expectStatus,
  fillApplication,
  html,
  registeredCitizen,
  staffOnWeb,
  titleOf,
} from './browser/web-journey';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

const MESSAGES = { vi, en } as Record<'vi' | 'en', Record<string, string>>;
const LANGS = ['vi', 'en'] as const;

/** The page's title as the layout writes it, in that language. */
const expectedTitle = (lang: 'vi' | 'en', key: string, params: Record<string, string> = {}) =>
  html(
    `${MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, p: string) => params[p])} – ${MESSAGES[lang]['service.name']}`,
  );

describe('web pages (no browser)', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: StaffAccountFixture;
  let supervisor: StaffAccountFixture;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    supervisor = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '01' });
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  it.each(LANGS)('renders every public page in %s, with its language and title', async (lang) => {
    const client = new WebClient(t.url, lang);
    const pages: [string, string][] = [
      ['/', 'start.title'],
      ['/register', 'register.title'],
      ['/sign-in', 'signIn.title'],
      ['/sign-out', 'signOut.title'],
      ['/staff/sign-in', 'staffSignIn.title'],
    ];
    for (const [path, titleKey] of pages) {
      const page = expectStatus(await client.get(path), 200, path);
      expect(page.text).toContain(`<html lang="${lang}">`);
      expect(page.headers['content-language']).toBe(lang);
      expect(titleOf(page)).toBe(expectedTitle(lang, titleKey));
    }
  });

  it.each(LANGS)('renders every page of the citizen journey in %s', async (lang) => {
    const citizen = await registeredCitizen(t.url, db, lang);
    const { checkPage } = await fillApplication(citizen);
    expect(titleOf(checkPage)).toBe(expectedTitle(lang, 'apply.check.title'));
    expect(checkPage.text).toContain(html(MESSAGES[lang]['type.RENEWAL']));
    const { applicationId, paymentId } = await applyAndPayOnWeb(citizen, db);
    const [{ reference }] = await db.query<{ reference: string }[]>(
      `SELECT reference FROM applications WHERE id = $1`,
      [applicationId],
    );
    const pages: [string, string, Record<string, string>?][] = [
      ['/applications', 'applications.title'],
      [`/applications/${applicationId}`, 'status.title', { reference }],
      [`/applications/${applicationId}/cancel`, 'cancel.title'],
      [`/apply/confirmation/${applicationId}`, 'apply.confirmation.title'],
      [`/pay/${paymentId}`, 'pay.title'],
      ['/apply/type', 'apply.type.title'],
    ];
    for (const [path, titleKey, params] of pages) {
      const page = expectStatus(await citizen.client.get(path), 200, path);
      expect(titleOf(page)).toBe(expectedTitle(lang, titleKey, params));
    }
    const status = await citizen.client.get(`/applications/${applicationId}`);
    expect(status.text).toContain(html(MESSAGES[lang]['appStatus.PENDING_REVIEW']));
    // The rule's own sentence, in the page's language: "Giấy khám sức khỏe HC-… (cấp ngày …) đáp ứng hạng B2."
    const healthPass = MESSAGES[lang]['checkText.HEALTH_CERTIFICATE.pass'];
    expect(status.text).toContain(html(`${healthPass.split('{number}')[0]}${citizen.certificate}`));
  });

  it.each(LANGS)('renders every staff page in %s', async (lang) => {
    const citizen = await registeredCitizen(t.url, db);
    const { applicationId } = await applyAndPayOnWeb(citizen, db);
    const [{ reference }] = await db.query<{ reference: string }[]>(
      `SELECT reference FROM applications WHERE id = $1`,
      [applicationId],
    );
    const desk = await staffOnWeb(t.url, supervisor.username, supervisor.password, lang);
    const pages: [string, string, Record<string, string>?][] = [
      ['/staff', 'queue.title'],
      ['/staff?status=PENDING_REVIEW&outcome=ELIGIBLE&type=RENEWAL&breached=', 'queue.title'],
      [`/staff/cases/${applicationId}`, 'case.title', { reference }],
      ['/staff/supervisor', 'supervisor.title'],
      ['/staff/stats', 'stats.title'],
    ];
    for (const [path, titleKey, params] of pages) {
      const page = expectStatus(await desk.get(path), 200, path);
      expect(titleOf(page)).toBe(expectedTitle(lang, titleKey, params));
    }
    expect((await desk.get('/staff')).text).toContain(`>${reference}</a>`);
    expect((await desk.get(`/staff/cases/${applicationId}/photo`)).headers['content-type']).toBe(
      'image/jpeg',
    );
    const stats = await desk.get('/staff/stats');
    expect(stats.text.match(/<svg [^>]*role="img"/g)).toHaveLength(4);
    const csv = expectStatus(await desk.get('/staff/stats.csv'), 200, 'CSV');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('section,key,label,metric,value');
    const received = lines.find((l) => l.startsWith('per_province,01,Hà Nội,received,'));
    expect(Number(received!.split(',').pop())).toBeGreaterThanOrEqual(1);
    // Officers have no supervisor page.
    const officerDesk = await staffOnWeb(t.url, officer.username, officer.password, lang);
    expect((await officerDesk.get('/staff/supervisor')).status).toBe(403);
  });

  it('sends a page that needs signing in to the right sign-in, and back after it', async () => {
    const client = new WebClient(t.url);
    const page = await client.get('/applications');
    expect([page.status, page.location]).toEqual([303, '/sign-in?next=%2Fapplications']);
    expect((await client.get('/staff/stats')).location).toBe('/staff/sign-in?next=%2Fstaff%2Fstats');
    const citizen = await registeredCitizen(t.url, db);
    // A citizen's session is not a staff session.
    expect((await citizen.client.get('/staff')).location).toBe('/staff/sign-in?next=%2Fstaff');
    expectStatus(await citizen.client.post('/sign-out', {}), 303, 'sign out');
    expect((await citizen.client.get('/applications')).status).toBe(303);
    await citizen.client.get('/sign-in');
    const signedIn = await citizen.client.post('/sign-in', {
      nationalId: citizen.driver.nationalId,
      password: 'correct horse battery staple',
      next: '/applications',
    });
    expect([signedIn.status, signedIn.location]).toEqual([303, '/applications']);
    // Never redirected off the site after signing in.
    await citizen.client.get('/sign-in');
    const offsite = await citizen.client.post('/sign-in', {
      nationalId: citizen.driver.nationalId,
      password: 'correct horse battery staple',
      next: '//evil.example/',
    });
    expect(offsite.location).toBe('/applications');
  });

  it('remembers the language in a cookie and switches only to local pages', async () => {
    const client = new WebClient(t.url);
    client.forgetCookie('lang');
    expect((await client.get('/')).text).toContain('<html lang="vi">');
    const switched = await client.get('/language?to=en&next=%2Fsign-in');
    expect([switched.status, switched.location]).toEqual([303, '/sign-in']);
    expect(client.cookie('lang')).toBe('en');
    expect((await client.get('/')).text).toContain('<html lang="en">');
    expect((await client.get('/language?to=vi&next=https%3A%2F%2Fevil.example')).location).toBe('/');
  });

  it('refuses a form without its CSRF token, and the refused action does not happen', async () => {
    const client = new WebClient(t.url);
    await client.get('/sign-in');
    const noToken = await client.post(
      '/sign-in',
      { nationalId: '001090000001', password: 'x' },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain(html(vi['errors.formExpired.title']));
    const wrongToken = await client.post(
      '/sign-in',
      { nationalId: '001090000001', password: 'x' },
      { csrf: 'forged' },
    );
    expect(wrongToken.status).toBe(403);

    const citizen = await registeredCitizen(t.url, db);
    const { applicationId } = await applyAndPayOnWeb(citizen, db);
    const forged = await citizen.client.post(`/applications/${applicationId}/cancel`, {}, { csrf: null });
    expect(forged.status).toBe(403);
    // A multipart post to a form route that does not read multipart has no token the guard accepts.
    const multipart = await citizen.client.postMultipart(
      `/applications/${applicationId}/cancel`,
      { reason: 'x' },
      undefined,
      {
        csrf: null,
      },
    );
    expect(multipart.status).toBe(403);
    const upload = await citizen.client.postMultipart('/apply/photo', {}, undefined, { csrf: 'forged' });
    expect(upload.status).toBe(403);
    const [{ status }] = await db.query<{ status: string }[]>(
      `SELECT status FROM applications WHERE id = $1`,
      [applicationId],
    );
    expect(status).toBe('PENDING_REVIEW');
    // The JSON API is unaffected: bearer tokens, no CSRF token.
    await request(t.url)
      .post('/api/v1/auth/citizen/login')
      .set('x-forwarded-for', citizen.client.address)
      .send({ nationalId: citizen.driver.nationalId, password: 'correct horse battery staple' })
      .expect(200);
  });

  it('shows errors in a summary linked to the fields, and keeps what was typed', async () => {
    const client = new WebClient(t.url);
    await client.get('/register');
    const page = await client.post('/register', {
      nationalId: '12AB',
      fullName: 'Nguyễn "Văn" <An>',
      dateOfBirth: '1990-02-30',
      phone: '0912345678',
      email: '',
      password: 'correct horse battery staple',
      passwordConfirm: 'something else entirely',
    });
    expect(page.status).toBe(400);
    expect(titleOf(page)).toBe(`${vi['common.errorTitlePrefix']} ${expectedTitle('vi', 'register.title')}`);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page.text)![0];
    expect([...summary.matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual([
      'nationalId',
      'dateOfBirth',
      'passwordConfirm',
    ]);
    expect(summary).toContain(html(vi['form.nationalId.format']));
    expect(page.text).toMatch(/id="nationalId-error"/);
    expect(page.text).toMatch(
      /id="nationalId" name="nationalId" type="text" value="12AB"[^>]*aria-describedby="nationalId-hint nationalId-error" aria-invalid="true"/,
    );
    expect(page.text).toContain('value="Nguyễn &quot;Văn&quot; &lt;An&gt;"');
    expect(page.text).not.toContain('correct horse battery staple');
  });

  it('sends helmet headers and a strict CSP on pages, HttpOnly SameSite=Lax cookies, Secure behind TLS', async () => {
    const client = new WebClient(t.url);
    const page = await client.get('/sign-in');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect((await client.get('/assets/app.css')).headers['content-security-policy']).toBeDefined();
    // The API and its docs keep their own headers (Swagger UI needs inline scripts).
    const docs = await request(t.url).get('/api/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect((await request(t.url).get('/api/v1/provinces').expect(200)).body).toHaveLength(34);

    const citizen = await registeredCitizen(t.url, db);
    const tls = { 'x-forwarded-proto': 'https' };
    await citizen.client.get('/sign-in', tls);
    const signIn = await citizen.client.post(
      '/sign-in',
      {
        nationalId: citizen.driver.nationalId,
        password: 'correct horse battery staple',
        next: '/applications',
      },
      { headers: tls },
    );
    const cookies = signIn.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith('sid='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Secure/);
    expect((await citizen.client.get('/', tls)).headers['strict-transport-security']).toMatch(
      /max-age=31536000/,
    );
    // Over plain HTTP the session cookie is not Secure (the browser would drop it).
    await citizen.client.get('/sign-in');
    const plain = await citizen.client.post('/sign-in', {
      nationalId: citizen.driver.nationalId,
      password: 'correct horse battery staple',
      next: '/applications',
    });
    const plainSession = (plain.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('sid='),
    )!;
    expect(plainSession).toMatch(/; HttpOnly/);
    expect(plainSession).not.toMatch(/; Secure/);
  });
});
