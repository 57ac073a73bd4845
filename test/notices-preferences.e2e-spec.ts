import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { expectStatus, registeredCitizen } from './browser/web-journey';
import { citizenWithLicence } from './support/case-fixtures';
import { createStaffAndSignIn } from './support/factories/accounts';
import {
  citizenWithPreferences,
  noticesOf,
  submitFor,
  waitForNotice,
} from './support/notices/notice-fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** Citizens choose how they are told (SMS, e-mail, language) and the notifier follows their choice. */
describe('notice preferences', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const path = '/api/v1/me/notification-preferences';
  const patch = (token: string, body: object) =>
    request(t.url).patch(path).set('authorization', `Bearer ${token}`).send(body);

  it('starts with SMS on, e-mail on when there is an address, in Vietnamese', async () => {
    const c = await citizenWithLicence(t.url, db);
    const res = await request(t.url).get(path).set('authorization', `Bearer ${c.token}`).expect(200);
    expect(res.body).toEqual({ sms: true, email: true, emailAddress: null, language: 'vi' });
  });

  it.each([
    ['both channels off', { sms: false, email: false }, 'sms', /at least one channel/],
    ['e-mail on without an address', { sms: false, email: true }, 'emailAddress', /e-mail address/],
    ['an unknown language', { language: 'fr' }, 'language', /vi or en/],
    ['a malformed address', { emailAddress: 'not-an-address' }, 'emailAddress', /e-mail address/],
    ['a channel that is not true or false', { sms: 'yes' }, 'sms', /true or false/],
  ])('refuses %s with a 400 naming the field', async (_, body, field, message) => {
    const c = await citizenWithLicence(t.url, db);
    const res = await patch(c.token, body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
    );
    const again = await request(t.url).get(path).set('authorization', `Bearer ${c.token}`).expect(200);
    expect(again.body).toEqual({ sms: true, email: true, emailAddress: null, language: 'vi' });
  });

  it('is for the signed-in citizen only', async () => {
    await request(t.url).patch(path).send({ sms: true }).expect(401);
    const staff = await createStaffAndSignIn(t, 'officer');
    await request(t.url).get(path).set('authorization', `Bearer ${staff.accessToken}`).expect(403);
  });

  it('saves a change, audits it without the address, and the next notice follows it', async () => {
    const c = await citizenWithLicence(t.url, db);
    const res = await patch(c.token, {
      sms: false,
      email: true,
      emailAddress: 'binh@example.vn',
      language: 'en',
    }).expect(200);
    expect(res.body).toEqual({ sms: false, email: true, emailAddress: 'binh@example.vn', language: 'en' });
    const [entry] = await db.query<{ actor_kind: string; data: Record<string, unknown> }[]>(
      `SELECT actor_kind, data FROM audit_log WHERE action = 'NOTIFICATION_PREFERENCES' AND subject_id = (SELECT id::text FROM citizens WHERE national_id = $1)`,
      [c.driver.nationalId],
    );
    expect(entry.actor_kind).toBe('citizen');
    expect(JSON.stringify(entry.data)).not.toContain('binh@example.vn');

    const id = await submitFor(t.url, c);
    const email = await waitForNotice(db, id, 'EMAIL', ['SENT']);
    expect(await noticesOf(db, id)).toHaveLength(1);
    expect(email.language).toBe('en');
    expect(email.subject).toMatch(/^Application received – /);
    expect(email.body).toMatch(/^Application .* received\. Please pay/);
    expect(email.body).not.toMatch(/Hồ sơ/);
  });

  it('sends SMS only when e-mail is switched off, in Vietnamese alone', async () => {
    const c = await citizenWithPreferences(t.url, db, { emailAddress: 'an@example.vn', email: false });
    const id = await submitFor(t.url, c);
    const sms = await waitForNotice(db, id, 'SMS', ['SENT']);
    expect((await noticesOf(db, id)).map((n) => n.channel)).toEqual(['SMS']);
    expect(sms.body).toMatch(/^Hồ sơ .* đã được tiếp nhận/);
    expect(sms.body).not.toMatch(/Please pay/);
  });

  it('lets the citizen choose on the account page, with errors in their language', async () => {
    const citizen = await registeredCitizen(t.url, db, 'en');
    const page = expectStatus(await citizen.client.get('/account'), 200, 'GET /account');
    expect(page.text).toContain('id="sms" name="sms" type="checkbox" value="true" checked');
    expect(page.text).toContain('href="/account"');

    const bad = await citizen.client.post('/account', { email: 'true', emailAddress: '', language: 'en' });
    expectStatus(bad, 400, 'POST /account without SMS or an address');
    expect(bad.text).toContain('Enter an e-mail address to get notices by e-mail');
    expect(bad.text).toContain('href="#emailAddress"');

    const saved = await citizen.client.post('/account', {
      email: 'true',
      emailAddress: 'cuong@example.vn',
      language: 'vi',
    });
    expectStatus(saved, 303, 'POST /account');
    expect(saved.location).toBe('/account?saved=1');
    const after = expectStatus(await citizen.client.get('/account?saved=1'), 200, 'GET /account?saved=1');
    expect(after.text).toContain('Your notice settings were saved.');
    expect(after.text).toContain('value="cuong@example.vn"');
    const [row] = await db.query<
      { notify_sms: boolean; notify_email: boolean; email: string; language: string }[]
    >(`SELECT notify_sms, notify_email, email, language FROM citizens WHERE national_id = $1`, [
      citizen.driver.nationalId,
    ]);
    expect(row).toEqual({ notify_sms: false, notify_email: true, email: 'cuong@example.vn', language: 'vi' });
  });
});
