import { Client } from 'pg';
import request from 'supertest';
import { LOGIN_PER_IDENTIFIER } from '../src/auth/login/login-limits';
import { RateLimiter } from '../src/auth/login/rate-limiter';
import { startTestApp, TestApp } from './support/test-app';
import {
  createCitizenAndSignIn,
  createStaffAndSignIn,
  DEFAULT_TEST_PASSWORD,
  insertDriverRecord,
  uniqueClientAddress,
} from './support/factories/accounts';

const REGISTER = '/api/v1/auth/citizen/register';
const CITIZEN_LOGIN = '/api/v1/auth/citizen/login';
const bearer = (token: string) => `Bearer ${token}`;

describe('citizen accounts and tokens', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp();
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const register = (body: Record<string, unknown>) =>
    request(t.url).post(REGISTER).set('x-forwarded-for', uniqueClientAddress()).send(body);
  const login = (nationalId: string, password: string, address = uniqueClientAddress()) =>
    request(t.url).post(CITIZEN_LOGIN).set('x-forwarded-for', address).send({ nationalId, password });

  describe('registration', () => {
    it('accepts a name that differs from the record only in case, spacing and diacritics', async () => {
      const driver = await insertDriverRecord(t, {
        fullName: 'Nguyễn Thị Hồng Nhung',
        dateOfBirth: '1988-02-29',
        sex: 'F',
      });
      const res = await register({
        ...driver,
        fullName: '  NGUYEN thi hong   nhung ',
        password: DEFAULT_TEST_PASSWORD,
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        nationalId: driver.nationalId,
        fullName: 'Nguyễn Thị Hồng Nhung',
      });
      const { rows } = await db.query(`SELECT password_hash FROM citizens WHERE id = $1`, [res.body.id]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      const audit = await db.query(`SELECT action FROM audit_log WHERE subject_id = $1`, [res.body.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['CITIZEN_REGISTERED']);
    });

    it('refuses a wrong birth date, another person\u2019s ID and an unknown ID alike, without saying which', async () => {
      const me = await insertDriverRecord(t, { fullName: 'Trần Văn Bình', dateOfBirth: '1975-11-03' });
      const other = await insertDriverRecord(t, {
        fullName: 'Lê Thị Cúc',
        dateOfBirth: '1975-11-03',
        sex: 'F',
      });
      const password = DEFAULT_TEST_PASSWORD;
      const wrongDob = await register({ ...me, dateOfBirth: '1975-11-04', password }).expect(422);
      const othersId = await register({ ...me, nationalId: other.nationalId, password }).expect(422);
      const unknownId = await register({ ...me, nationalId: '001075999999', password }).expect(422);
      const wrongName = await register({ ...me, fullName: 'Trần Văn Bảo', password }).expect(422);
      const details = [wrongDob, othersId, unknownId, wrongName].map((r) => r.body.detail as string);
      expect(new Set(details).size).toBe(1);
      expect(details[0]).not.toMatch(/birth date is|name is|not found|does not exist/i);
      expect(wrongDob.body.errors).toBeUndefined();
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM citizens WHERE national_id IN ($1, $2)`,
        [me.nationalId, other.nationalId],
      );
      expect(rows[0].n).toBe(0);
    });

    it('answers 409 when the citizen ID already has an account', async () => {
      const driver = await insertDriverRecord(t, { fullName: 'Phạm Minh Đức', dateOfBirth: '2001-07-15' });
      await register({ ...driver, password: DEFAULT_TEST_PASSWORD }).expect(201);
      const again = await register({ ...driver, password: 'another good passphrase' }).expect(409);
      expect(again.body.detail).toMatch(/already exists/);
    });

    it.each([
      ['too short', 'Abc12!x', /at least 8/],
      ['too long', 'x'.repeat(129), /at most 128/],
      ['very common', 'Password123', /common/],
      ['Vietnamese favourite', 'anhyeuem123', /common/],
    ])('refuses a %s password, naming the field', async (_, password, message) => {
      const driver = await insertDriverRecord(t);
      const res = await register({ ...driver, password }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(message) }]);
    });

    it('refuses the citizen ID as the password', async () => {
      const driver = await insertDriverRecord(t);
      const res = await register({ ...driver, password: driver.nationalId }).expect(400);
      expect(res.body.errors[0]).toEqual({ field: 'password', message: expect.stringMatching(/citizen ID/) });
    });

    it.each([
      ['123456789a', /common/],
      ['qwerty123456', /common/],
      ['0912000111', /phone number/],
      ['+84912000111', /phone number/],
      ['Trương Thị Hoa 1990', /your name/],
      ['truongthihoa', /your name/],
    ])('refuses %s: common, or the citizen\u2019s own phone or name', async (password, message) => {
      const driver = await insertDriverRecord(t, {
        fullName: 'Trương Thị Hoa',
        phone: '0912000111',
        sex: 'F',
      });
      const res = await register({ ...driver, password }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(message) }]);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM citizens WHERE national_id = $1`, [
        driver.nationalId,
      ]);
      expect(rows[0].n).toBe(0);
    });

    it('names malformed fields', async () => {
      const res = await register({
        nationalId: '12345',
        fullName: 'A',
        dateOfBirth: '1990-02-30',
        phone: '12',
        password: 'x',
      }).expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['nationalId', 'dateOfBirth', 'phone']));
    });
  });

  describe('sign-in', () => {
    it('issues an access JWT with the citizen claims and a refresh token', async () => {
      const citizen = await createCitizenAndSignIn(t);
      expect(citizen.expiresIn).toBe(900);
      const claims = JSON.parse(Buffer.from(citizen.accessToken.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({
        sub: citizen.id,
        kind: 'citizen',
        role: 'citizen',
        nid: citizen.nationalId,
      });
      expect(claims.exp - claims.iat).toBe(900);
      const me = await request(t.url)
        .get('/api/v1/auth/citizen/me')
        .set('authorization', bearer(citizen.accessToken))
        .expect(200);
      expect(me.body).toEqual({
        kind: 'citizen',
        id: citizen.id,
        role: 'citizen',
        nationalId: citizen.nationalId,
        provinceCode: null,
        username: null,
      });
    });

    it('gives one message for a wrong password and an unknown ID', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const wrong = await login(citizen.nationalId, 'not the password at all').expect(401);
      const unknown = await login('001090000000', 'not the password at all').expect(401);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.body.accessToken).toBeUndefined();
    });

    it('validates the body before trying the password', async () => {
      const res = await request(t.url).post(CITIZEN_LOGIN).send({ nationalId: 'abc' }).expect(400);
      expect(new Set((res.body.errors as { field: string }[]).map((e) => e.field))).toEqual(
        new Set(['nationalId', 'password']),
      );
    });

    it('throttles an ID after 5 tries alike whether it has an account, and never signs the owner out', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const unknownId = '001090077777';
      const me = () =>
        request(t.url).get('/api/v1/auth/citizen/me').set('authorization', bearer(citizen.accessToken));
      // Each try from another address: only the per-ID limit is in play.
      for (let i = 1; i <= 5; i++) {
        const known = await login(citizen.nationalId, `wrong password ${i}`).expect(401);
        const unknown = await login(unknownId, `wrong password ${i}`).expect(401);
        expect(known.body).toEqual(unknown.body);
      }
      const known = await login(citizen.nationalId, 'wrong password 6').expect(429);
      const unknown = await login(unknownId, 'wrong password 6').expect(429);
      const withoutTimes = (body: Record<string, unknown>) =>
        JSON.stringify(body).replace(/\d\d:\d\d|\d{4}-[\d:.T-]+Z|"retryAfterSeconds":\d+/g, '…');
      expect(withoutTimes(known.body)).toBe(withoutTimes(unknown.body));
      expect(known.body.detail).toMatch(/Too many sign-in attempts.*Try again after \d\d:\d\d UTC/);
      for (const res of [known, unknown]) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(900);
      }
      // Even the right password waits out the window: the attacker gains nothing by guessing on.
      await login(citizen.nationalId, citizen.password).expect(429);

      // The owner's sign-ins are untouched: access token, refresh token, and the account row.
      await me().expect(200);
      const refreshed = await request(t.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: citizen.refreshToken })
        .expect(200);
      await request(t.url)
        .get('/api/v1/auth/citizen/me')
        .set('authorization', bearer(refreshed.body.accessToken))
        .expect(200);
      const { rows } = await db.query(`SELECT sessions_valid_after FROM citizens WHERE id = $1`, [
        citizen.id,
      ]);
      expect(rows[0].sessions_valid_after).toBeNull();

      // When the window ends (here: its counter forgotten) the right password works again.
      await t.app.get(RateLimiter).reset(LOGIN_PER_IDENTIFIER, `citizen:${citizen.nationalId}`);
      await login(citizen.nationalId, citizen.password).expect(200);
    });

    it('takes about as long to refuse an unknown ID as a wrong password (argon2 against a dummy hash)', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const timed = async (nationalId: string) => {
        const started = process.hrtime.bigint();
        await login(nationalId, 'not the password at all').expect(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        wrong.push(await timed(citizen.nationalId));
        unknown.push(await timed(`00109008${String(1000 + i)}`));
      }
      // A hash verification (tens of ms) dominates both; without it the unknown ID would answer in ~1 ms.
      expect(median(unknown)).toBeGreaterThan(median(wrong) / 3);
      expect(median(unknown)).toBeGreaterThan(15);
    });

    it('counts only consecutive failures: a success in between resets the count', async () => {
      const citizen = await createCitizenAndSignIn(t);
      for (let i = 0; i < 4; i++) await login(citizen.nationalId, 'wrong password here').expect(401);
      await login(citizen.nationalId, citizen.password).expect(200);
      for (let i = 0; i < 4; i++) await login(citizen.nationalId, 'wrong password here').expect(401);
      await login(citizen.nationalId, citizen.password).expect(200);
    });

    it('limits attempts per client address across many IDs, with Retry-After', async () => {
      const address = uniqueClientAddress();
      for (let i = 0; i < 50; i++) {
        await login(`0010900${String(10000 + i)}`, 'some password guess', address).expect(401);
      }
      const limited = await login('001090099999', 'some password guess', address).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(800);
      expect(limited.body.detail).toMatch(/Too many sign-in attempts/);
      // Another address is unaffected.
      const citizen = await createCitizenAndSignIn(t);
      await login(citizen.nationalId, citizen.password).expect(200);
    });
  });

  describe('refresh and logout', () => {
    const refresh = (refreshToken: string) =>
      request(t.url).post('/api/v1/auth/refresh').send({ refreshToken });

    it('rotates the refresh token, and a reused one ends the whole sign-in', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const first = await refresh(citizen.refreshToken).expect(200);
      expect(first.body.refreshToken).not.toBe(citizen.refreshToken);
      expect(first.body.accessToken).toEqual(expect.any(String));
      const second = await refresh(first.body.refreshToken).expect(200);

      // The original token again: theft assumed, the family (including the newest token) is revoked.
      const reuse = await refresh(citizen.refreshToken).expect(401);
      expect(reuse.body.detail).toMatch(/already used/);
      await refresh(second.body.refreshToken).expect(401);

      const { rows } = await db.query(
        `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live, count(*)::int AS total
           FROM refresh_tokens WHERE subject_id = $1`,
        [citizen.id],
      );
      expect(rows[0]).toEqual({ live: 0, total: 3 });
      const { rows: hashes } = await db.query(`SELECT token_hash FROM refresh_tokens WHERE subject_id = $1`, [
        citizen.id,
      ]);
      for (const r of hashes) expect((r.token_hash as Buffer).length).toBe(32);
    });

    it('lets only one of two simultaneous refreshes with the same token win, then ends the sign-in', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const results = await Promise.all([refresh(citizen.refreshToken), refresh(citizen.refreshToken)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const winner = results.find((r) => r.status === 200)!;
      await refresh(winner.body.refreshToken).expect(401);
    });

    it('logout revokes the sign-in but not the citizen\u2019s other sign-ins', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const other = await request(t.url)
        .post(CITIZEN_LOGIN)
        .send({ nationalId: citizen.nationalId, password: citizen.password })
        .expect(200);
      const rotated = await refresh(citizen.refreshToken).expect(200);
      await request(t.url)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(204);
      await refresh(rotated.body.refreshToken).expect(401);
      await refresh(other.body.refreshToken).expect(200);
      const audit = await db.query(`SELECT action FROM audit_log WHERE subject_id = $1`, [citizen.id]);
      expect(audit.rows.map((r) => r.action)).toContain('LOGOUT');
    });

    it('logout ends the access tokens of that sign-in at once, also ones from before a refresh', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const other = await request(t.url)
        .post(CITIZEN_LOGIN)
        .set('x-forwarded-for', uniqueClientAddress())
        .send({ nationalId: citizen.nationalId, password: citizen.password })
        .expect(200);
      const me = (token: string) =>
        request(t.url).get('/api/v1/auth/citizen/me').set('authorization', bearer(token));
      const rotated = await refresh(citizen.refreshToken).expect(200);
      await me(citizen.accessToken).expect(200);
      await me(rotated.body.accessToken).expect(200);
      const claims = JSON.parse(Buffer.from(citizen.accessToken.split('.')[1], 'base64url').toString());
      const { rows } = await db.query(`SELECT DISTINCT family_id FROM refresh_tokens WHERE subject_id = $1`, [
        citizen.id,
      ]);
      expect(rows.map((r) => r.family_id)).toContain(claims.sid);

      await request(t.url)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(204);
      for (const token of [citizen.accessToken, rotated.body.accessToken]) {
        const refused = await me(token).expect(401);
        expect(refused.body.detail).toMatch(/sign-in has ended/);
      }
      await me(other.body.accessToken).expect(200);
    });

    it('refuses unknown refresh tokens', async () => {
      await refresh('a'.repeat(43)).expect(401);
      await request(t.url)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: 'b'.repeat(43) })
        .expect(204);
    });
  });

  it('documents the sign-in, administration and upload routes in the OpenAPI document', async () => {
    const res = await request(t.url).get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { security?: unknown[] }>>;
    for (const path of [
      '/api/v1/auth/citizen/register',
      '/api/v1/auth/citizen/login',
      '/api/v1/auth/staff/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/admin/staff',
      '/api/v1/admin/staff/{id}',
      '/api/v1/uploads',
    ]) {
      expect(paths[path]).toBeDefined();
    }
    expect(paths['/api/v1/uploads'].post.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/v1/auth/citizen/login'].post.security).toBeUndefined();
  });

  describe('access checks', () => {
    it('answers 401 without a token and with a forged one', async () => {
      const none = await request(t.url).get('/api/v1/auth/citizen/me').expect(401);
      expect(none.body.detail).toMatch(/Authorization: Bearer/);
      const citizen = await createCitizenAndSignIn(t);
      const [h, p] = citizen.accessToken.split('.');
      await request(t.url)
        .get('/api/v1/auth/citizen/me')
        .set('authorization', bearer(`${h}.${p}.forged`))
        .expect(401);
    });

    it('refuses a citizen token on a staff route with 403, and a staff token on a citizen route', async () => {
      const citizen = await createCitizenAndSignIn(t);
      const res = await request(t.url)
        .get('/api/v1/admin/staff')
        .set('authorization', bearer(citizen.accessToken))
        .expect(403);
      expect(res.body.title).toBe('Not allowed');
      await request(t.url).get('/api/v1/admin/staff').expect(401);
      const officer = await createStaffAndSignIn(t, 'officer');
      await request(t.url)
        .get('/api/v1/auth/citizen/me')
        .set('authorization', bearer(officer.accessToken))
        .expect(403);
    });
  });
});
