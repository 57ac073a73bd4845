import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import en from '../src/web/i18n/en.json';
import vi from '../src/web/i18n/vi.json';
import { WebClient } from './browser/web-client';
import { expectStatus, html, registeredCitizen, staffOnWeb } from './browser/web-journey';
import { insertDriver } from './support/factories/records';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

describe('web pages: redirects, sign-in throttling, passwords and ended sessions', () => {
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

  const OFF_SITE = [
    '/%09/evil.example',
    '/\t/evil.example',
    '/%0d%0a/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/%5Cevil.example',
    'https://evil.example',
  ];

  /** A raw control character in a parameter is refused at the edge (400); anything else falls back home. */
  const hasRawControl = (next: string) => [...next].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f');

  it('sends the language switch only to paths on this site', async () => {
    const client = new WebClient(t.url);
    for (const next of OFF_SITE) {
      const page = await client.get(`/language?to=en&next=${encodeURIComponent(next)}`);
      expect({ next, status: page.status, location: page.location }).toEqual(
        hasRawControl(next)
          ? { next, status: 400, location: undefined }
          : { next, status: 303, location: '/' },
      );
    }
    // The raw query string of the report, not re-encoded by a client: never off-site.
    const raw = await request(t.url).get('/language?to=en&next=/%09/evil.example').redirects(0);
    expect(raw.status).toBe(400);
    expect(raw.headers.location).toBeUndefined();
    const home = await client.get(`/language?to=vi&next=${encodeURIComponent('/applications?x=1')}`);
    expect(home.location).toBe('/applications?x=1');
  });

  it('signs in and then goes only to a path on this site', async () => {
    const citizen = await registeredCitizen(t.url, db);
    const page = await citizen.client.get(`/sign-in?next=${encodeURIComponent('/%09/evil.example')}`);
    expect(page.text).toContain('name="next" value="/applications"');
    for (const next of OFF_SITE) {
      await citizen.client.get('/sign-in');
      const signedIn = await citizen.client.post('/sign-in', {
        nationalId: citizen.driver.nationalId,
        password: 'correct horse battery staple',
        next,
      });
      expect({ next, location: signedIn.location }).toEqual({
        next,
        location: hasRawControl(next) ? undefined : '/applications',
      });
      if (hasRawControl(next)) expect(signedIn.status).toBe(400);
    }
    const desk = new WebClient(t.url);
    await desk.get('/staff/sign-in');
    const staff = await desk.post('/staff/sign-in', {
      username: admin.username,
      password: admin.password,
      next: '/staff/%09/evil.example',
    });
    expect(staff.location).toBe('/staff');
  });

  it('throttles a web sign-in alike for an ID with and without an account, in the reader\u2019s language', async () => {
    const citizen = await registeredCitizen(t.url, db, 'en');
    const tries = async (nationalId: string) => {
      const client = new WebClient(t.url, 'en');
      const pages = [];
      for (let i = 0; i < 6; i++) {
        await client.get('/sign-in');
        pages.push(await client.post('/sign-in', { nationalId, password: `wrong guess ${i}` }));
      }
      return pages;
    };
    for (const pages of [await tries(citizen.driver.nationalId), await tries('001090066666')]) {
      expect(pages.slice(0, 5).every((p) => p.text.includes(html(en['signIn.errors.wrong'])))).toBe(true);
      expect(pages[5].text).toContain(html(en['signIn.errors.locked']));
    }
    // The owner's own session carries on.
    expectStatus(await citizen.client.get('/applications'), 200, 'the owner, still signed in');
  });

  it('says why a password is refused at registration, in both languages', async () => {
    for (const [lang, words] of [
      ['vi', vi],
      ['en', en],
    ] as const) {
      const driver = await insertDriver(db, {
        fullName: 'Phan Thị Thu',
        sex: 'F',
        dateOfBirth: '1991-03-03',
      });
      const client = new WebClient(t.url, lang);
      for (const [password, key] of [
        ['qwerty123456', 'register.password.common'],
        [driver.nationalId, 'register.password.citizenId'],
        [driver.phone, 'register.password.phone'],
        ['Phan Thi Thu 1991', 'register.password.name'],
      ] as const) {
        await client.get('/register');
        const page = await client.post('/register', {
          nationalId: driver.nationalId,
          fullName: driver.fullName,
          dateOfBirth: driver.dateOfBirth,
          phone: driver.phone,
          email: '',
          password,
          passwordConfirm: password,
        });
        expect({ lang, key, status: page.status }).toEqual({ lang, key, status: 400 });
        expect(page.text).toContain(html(words[key]));
      }
    }
  });

  it("ends a disabled staff member's web session for good, also after re-enabling", async () => {
    const officer = await createStaffAndSignIn(t, 'officer');
    const desk = await staffOnWeb(t.url, officer.username, officer.password);
    expectStatus(await desk.get('/staff'), 200, 'the queue');
    const setDisabled = (disabled: boolean) =>
      request(t.url)
        .patch(`/api/v1/admin/staff/${officer.id}`)
        .set('authorization', `Bearer ${admin.accessToken}`)
        .send({ disabled })
        .expect(200);
    await setDisabled(true);
    expect((await desk.get('/staff')).location).toMatch(/^\/staff\/sign-in/);
    await setDisabled(false);
    // The same cookie, its row still in web_sessions: refused, since it began before the account was disabled.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM web_sessions WHERE subject_id = $1`, [
      officer.id,
    ]);
    expect(n).toBe(1);
    expect((await desk.get('/staff')).location).toMatch(/^\/staff\/sign-in/);
    const again = await staffOnWeb(t.url, officer.username, officer.password);
    expectStatus(await again.get('/staff'), 200, 'the queue after signing in again');
  });
});
