import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { WebClient } from './browser/web-client';
import { staffOnWeb } from './browser/web-journey';
import { startApiProcess, ApiProcess } from './support/api-process';
import {
  CitizenAccountFixture,
  createCitizenAndSignIn,
  createStaffAndSignIn,
  insertDriverRecord,
  StaffAccountFixture,
  uniqueClientAddress,
} from './support/factories/accounts';
import { partnerWithKey } from './support/factories/shipments';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { testEnvironment } from './support/test-env';
import { createTestRedis, TestRedis } from './support/test-redis';

/**
 * Issue 13: each input that once answered 500 in production, as a plain example. The service runs as
 * its own process so its real log lines can be read.
 */
const HEX36 = '0123456789abcdef0123456789abcdef0123';
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bad input from strangers never gets a 500 (issue 13)', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let api: ApiProcess;
  let ds: DataSource;
  let t: { url: string; db: { url: string } };
  let citizen: CitizenAccountFixture;
  let officer: StaffAccountFixture;
  let auditor: StaffAccountFixture;
  let supervisor: StaffAccountFixture;
  let partnerKey: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    api = await startApiProcess(testEnvironment(db, redis, { LOG_LEVEL: 'info' }));
    t = { url: api.url, db };
    ds = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 2 })).initialize();
    citizen = await createCitizenAndSignIn(t);
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    auditor = await createStaffAndSignIn(t, 'auditor');
    supervisor = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '01' });
    partnerKey = (await partnerWithKey(ds)).key;
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await api?.stop();
    await redis?.clear();
    await db?.drop();
  });

  const bearer = (s: { accessToken: string }) => ({ authorization: `Bearer ${s.accessToken}` });
  const expectProblem = (res: request.Response, status: number) => {
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(
      expect.objectContaining({
        type: expect.any(String),
        title: expect.any(String),
        status,
        detail: expect.any(String),
      }),
    );
  };

  it('answers 404 for ids of 36 hex digits without dashes, on every kind of id route', async () => {
    const get = (path: string, who: { accessToken: string }) => request(api.url).get(path).set(bearer(who));
    const post = (path: string, who: { accessToken: string }) =>
      request(api.url).post(path).set(bearer(who)).send({ version: 1 });
    expectProblem(await get(`/api/v1/staff/applications/${HEX36}`, officer), 404);
    expectProblem(await get(`/api/v1/staff/applications/${HEX36}/photo`, officer), 404);
    expectProblem(await post(`/api/v1/staff/applications/${HEX36}/claim`, officer), 404);
    expectProblem(await post(`/api/v1/staff/applications/${HEX36}/approve`, officer), 404);
    expectProblem(await post(`/api/v1/staff/alerts/${HEX36}/acknowledge`, supervisor), 404);
    expectProblem(await get(`/api/v1/applications/${HEX36}`, citizen), 404);
    expectProblem(await get(`/api/v1/applications/${HEX36}/timeline`, citizen), 404);
  });

  it('shows a not-found page for such ids on /pay/{id} and /staff/cases/{id}', async () => {
    const anonymous = new WebClient(api.url);
    expect((await anonymous.get(`/pay/${HEX36}`)).status).toBeLessThan(500);
    const staff = await staffOnWeb(api.url, officer.username, officer.password);
    expect((await staff.get(`/staff/cases/${HEX36}`)).status).toBe(404);
    expect((await staff.get(`/staff/cases/${HEX36}/photo`)).status).toBe(404);
  });

  it('refuses forged cursors with 400', async () => {
    const list = (path: string, who: { accessToken: string }) => request(api.url).get(path).set(bearer(who));
    const citizenCursor = forge({ createdAt: '2026-01-01T00:00:00Z', id: HEX36 });
    expectProblem(await list(`/api/v1/applications?cursor=${citizenCursor}`, citizen), 400);
    const queueCursor = forge({ due: 'tomorrow', id: '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f' });
    expectProblem(await list(`/api/v1/staff/applications?cursor=${queueCursor}`, officer), 400);
    expectProblem(await list(`/api/v1/audit?cursor=${forge({ id: '99999999999999999999' })}`, auditor), 400);
    expectProblem(await list(`/api/v1/audit?cursor=${forge({ id: '9223372036854775808' })}`, auditor), 400);
  });

  it('refuses ISO week dates in date filters with 400 naming the field', async () => {
    const week = '2026-W10-1';
    const queue = await request(api.url)
      .get(`/api/v1/staff/applications?dueBefore=${week}`)
      .set(bearer(officer));
    expectProblem(queue, 400);
    expect(queue.body.errors[0].field).toBe('dueBefore');
    expectProblem(await request(api.url).get(`/api/v1/audit?from=${week}`).set(bearer(auditor)), 400);
    expectProblem(
      await request(api.url)
        .get(`/api/v1/postal/shipments?updatedSince=${week}`)
        .set('x-api-key', partnerKey),
      400,
    );
  });

  it('refuses a NUL byte in a street or a username with 400 naming the field', async () => {
    const street = await request(api.url)
      .post('/api/v1/applications')
      .set(bearer(citizen))
      .set('idempotency-key', 'nul-street-0001')
      .send({ type: 'RENEWAL', delivery: { method: 'POST', street: '12 Phố Huế\u0000' } });
    expectProblem(street, 400);
    expect(street.body.errors).toEqual([expect.objectContaining({ field: 'delivery.street' })]);
    const login = await request(api.url)
      .post('/api/v1/auth/staff/login')
      .set('x-forwarded-for', uniqueClientAddress())
      .send({ username: 'admin\u0000', password: 'whatever-it-is' });
    expectProblem(login, 400);
    expect(login.body.errors[0].field).toBe('username');
  });

  it('refuses an unterminated multipart upload with 400', async () => {
    const boundary = 'x-boundary-1234';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 not the end`;
    const res = await request(api.url)
      .post('/api/v1/uploads')
      .set(bearer(citizen))
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    expectProblem(res, 400);
  });

  it('refuses 30 KB of nested JSON on login and refresh with 400, and the service stays up', async () => {
    for (const nested of [
      '['.repeat(30_000) + ']'.repeat(30_000),
      '{"a":'.repeat(6_000) + '1' + '}'.repeat(6_000),
    ]) {
      for (const path of ['/api/v1/auth/citizen/login', '/api/v1/auth/staff/login', '/api/v1/auth/refresh']) {
        const res = await request(api.url)
          .post(path)
          .set('x-forwarded-for', uniqueClientAddress())
          .set('content-type', 'application/json')
          .send(nested);
        expectProblem(res, 400);
        expect(res.body.code).toBe('MALFORMED_BODY');
      }
    }
    await request(api.url).get('/health/live').expect(200);
  });

  it('answers CR/LF in the web next parameter with a 400 page, never a 500 or an injected header', async () => {
    const res = await request(api.url)
      .get('/language?to=en&next=%2F%0D%0ASet-Cookie%3A%20x%3Dy')
      .redirects(0);
    expect(res.status).toBe(400);
    expect(res.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^x=y/)]),
    );
    const signIn = await request(api.url).get('/sign-in?next=%2Fapplications%0A').redirects(0);
    expect(signIn.status).toBe(400);
  });

  it('answers malformed JSON, a wrong content type and a too large body with problem details', async () => {
    const post = (type: string, body: string) =>
      request(api.url).post('/api/v1/auth/citizen/login').set('content-type', type).send(body);
    const malformed = await post('application/json', '{"nationalId": ');
    expectProblem(malformed, 400);
    expect(malformed.body.code).toBe('MALFORMED_BODY');
    expectProblem(await post('application/json', ''), 400);
    expectProblem(await post('text/plain', 'hello'), 415);
    expectProblem(await post('application/json', JSON.stringify({ a: 'x'.repeat(1_100_000) })), 413);
    expectProblem(await request(api.url).get('/api/v1/applications/%E0%A4%A'), 400);
  });

  it('logs an unexpected database error with an error id and no personal data of the request', async () => {
    // A trigger that fails every new citizen, quoting the row's values in its message.
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    await owner.query(`
      CREATE FUNCTION refuse_citizen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'cannot store % % %', NEW.national_id, NEW.phone, NEW.full_name; END $$;
      CREATE TRIGGER refuse_citizen BEFORE INSERT ON citizens FOR EACH ROW EXECUTE FUNCTION refuse_citizen();`);
    try {
      const driver = await insertDriverRecord(t, { fullName: 'Trần Thị Bích Ngọc', phone: '0987654321' });
      const before = api.logs().length;
      const res = await request(api.url)
        .post('/api/v1/auth/citizen/register')
        .set('x-forwarded-for', uniqueClientAddress())
        .send({ ...driver, password: 'correct horse battery staple' });
      expectProblem(res, 500);
      const errorId = res.body.errorId as string;
      await new Promise((r) => setTimeout(r, 300)); // the log line may trail the response
      const logged = api.logs().slice(before);
      expect(logged).toContain(errorId);
      for (const personal of [driver.nationalId, driver.phone, driver.fullName, 'Bích Ngọc', 'Trần']) {
        expect(logged).not.toContain(personal);
      }
      expect(logged).not.toMatch(/INSERT INTO|parameters/i);
    } finally {
      await owner.query(`DROP TRIGGER refuse_citizen ON citizens; DROP FUNCTION refuse_citizen();`);
      await owner.end();
    }
  });
});
