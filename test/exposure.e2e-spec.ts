import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { citizenWithLicence, submitApplication } from './support/case-fixtures';
import { applicationBody, uploadPhoto } from './support/citizen-journey';
import { createCitizenAndSignIn, insertDriverRecord } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

/** Settings a test here sets that testEnvironment() does not reset: cleared after each app. */
const LEFTOVER_SETTINGS = ['METRICS_TOKEN', 'API_DOCS', 'PAYMENT_SIMULATOR_ENABLED', 'AUDIT_HMAC_KEY'];

describe('what the service exposes, and to whom', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  /** Another app on the same database and Redis, with some settings changed, for one test. */
  async function withApp(env: Record<string, string>, work: (url: string) => Promise<void>): Promise<void> {
    // Production refuses the development audit key: such an app gets one of its own.
    const production: Record<string, string> =
      env.NODE_ENV === 'production' ? { AUDIT_HMAC_KEY: 'exposure-test-audit-key-0123456789abcdef' } : {};
    const other = await startTestApp({ db: t.db, redis: t.redis, env: { ...production, ...env } });
    try {
      await work(other.url);
    } finally {
      await other.close();
      for (const name of LEFTOVER_SETTINGS) delete process.env[name];
    }
  }

  const registeredFrom = async (url: string, headers: Record<string, string>) => {
    const driver = await insertDriverRecord(t);
    const res = await request(url)
      .post('/api/v1/auth/citizen/register')
      .set(headers)
      .send({ ...driver, password: 'correct horse battery staple' })
      .expect(201);
    const [entry] = await db.query<{ actor_ip: string }[]>(
      `SELECT actor_ip FROM audit_log WHERE subject_id = $1 AND action = 'CITIZEN_REGISTERED'`,
      [res.body.id],
    );
    return entry.actor_ip;
  };

  describe('client addresses (TRUSTED_PROXIES)', () => {
    it('trusts no proxy by default: X-Forwarded-For neither escapes the per-address limit nor reaches the audit', async () => {
      await withApp({ TRUSTED_PROXIES: '' }, async (url) => {
        expect(await registeredFrom(url, { 'x-forwarded-for': '203.0.113.9' })).toBe('127.0.0.1');
        // An attacker rotating the header is still one address: the 51st try in the window is refused.
        const login = (i: number) =>
          request(url)
            .post('/api/v1/auth/citizen/login')
            .set('x-forwarded-for', `198.18.${i >> 8}.${i & 255}`)
            .send({ nationalId: `0010920${String(10000 + i)}`, password: 'some password guess' });
        for (let i = 0; i < 50; i++) await login(i).expect(401);
        const refused = await login(50).expect(429);
        expect(refused.headers['retry-after']).toBeDefined();
      });
    });

    it('believes the nearest hops of a hop count, and the addresses of a list, never what the client wrote', async () => {
      const forged = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' };
      await withApp({ TRUSTED_PROXIES: '1' }, async (url) => {
        expect(await registeredFrom(url, forged)).toBe('203.0.113.7');
      });
      // The tests' own setting: 127.0.0.1 (the test client) is the proxy, and appended the last address.
      expect(await registeredFrom(t.url, forged)).toBe('203.0.113.7');
      await withApp({ TRUSTED_PROXIES: '10.0.0.0/8' }, async (url) => {
        expect(await registeredFrom(url, forged)).toBe('127.0.0.1');
      });
    });
  });

  describe('API responses', () => {
    it('are never cached or sniffed, unless a route publishes public figures', async () => {
      const citizen = await createCitizenAndSignIn(t);
      for (const res of [
        await request(t.url)
          .get('/api/v1/auth/citizen/me')
          .set('authorization', `Bearer ${citizen.accessToken}`),
        await request(t.url).get('/api/v1/auth/citizen/me'),
        await request(t.url)
          .get('/api/v1/applications')
          .set('authorization', `Bearer ${citizen.accessToken}`),
        await request(t.url).post('/api/v1/auth/citizen/login').send({ nationalId: 'x' }),
      ]) {
        expect({ status: res.status, cache: res.headers['cache-control'] }).toEqual({
          status: res.status,
          cache: 'no-store',
        });
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      const provinces = await request(t.url).get('/api/v1/provinces').expect(200);
      expect(provinces.headers['cache-control']).toBe('public, max-age=3600');
      expect(provinces.headers['x-content-type-options']).toBe('nosniff');
    });

    it('turns the API documentation off with API_DOCS=off', async () => {
      await request(t.url).get('/api/docs-json').expect(200);
      await withApp({ API_DOCS: 'off' }, async (url) => {
        await request(url).get('/api/docs-json').expect(404);
        await request(url).get('/api/docs').expect(404);
        await request(url).get('/api/v1/provinces').expect(200);
      });
    });
  });

  describe('the payment simulator', () => {
    const pendingPayment = async () => {
      const citizen = await citizenWithLicence(t.url, db);
      const photo = await uploadPhoto(t.url, citizen.token);
      const res = await submitApplication(
        t.url,
        citizen.token,
        applicationBody(citizen.number, photo, { healthCertificateNumber: citizen.certificate }),
      ).expect(201);
      return { citizen, paymentId: res.body.payment.id as string, applicationId: res.body.id as string };
    };
    const statusOf = async (id: string) =>
      (await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;

    it("settles only the signed-in citizen's own payment", async () => {
      const { citizen, paymentId, applicationId } = await pendingPayment();
      const stranger = await createCitizenAndSignIn(t);
      const simulate = (status: string) =>
        request(t.url).post(`/api/v1/payments/simulator/${paymentId}`).send({ status });
      await simulate('FAILED').expect(401);
      const refused = await simulate('FAILED')
        .set('authorization', `Bearer ${stranger.accessToken}`)
        .expect(404);
      expect(refused.body.detail).toMatch(/not found/);
      expect(await statusOf(applicationId)).toBe('AWAITING_PAYMENT');
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM payment_callbacks`);
      expect(n).toBe(0);
      await simulate('PAID').set('authorization', `Bearer ${citizen.token}`).expect(200);
      expect(await statusOf(applicationId)).not.toBe('AWAITING_PAYMENT');
    });

    it('is not mounted in production, nor /metrics served without METRICS_TOKEN, unless asked', async () => {
      const { citizen, paymentId } = await pendingPayment();
      await withApp({ NODE_ENV: 'production' }, async (url) => {
        const res = await request(url)
          .post(`/api/v1/payments/simulator/${paymentId}`)
          .set('authorization', `Bearer ${citizen.token}`)
          .send({ status: 'PAID' })
          .expect(404);
        expect(res.body.detail).toMatch(/Cannot POST/);
        const docs = await request(url).get('/api/docs-json').expect(200);
        expect(Object.keys(docs.body.paths)).not.toContain('/api/v1/payments/simulator/{paymentId}');
        await request(url).get('/metrics').expect(404);
      });
      await withApp(
        {
          NODE_ENV: 'production',
          PAYMENT_SIMULATOR_ENABLED: 'true',
          METRICS_TOKEN: 'metrics-token-0123456789abcdef',
        },
        async (url) => {
          await request(url)
            .post(`/api/v1/payments/simulator/${paymentId}`)
            .set('authorization', `Bearer ${citizen.token}`)
            .send({ status: 'FAILED' })
            .expect(200);
          await request(url).get('/metrics').expect(401);
          await request(url)
            .get('/metrics')
            .set('authorization', 'Bearer metrics-token-0123456789abcdef')
            .expect(200);
        },
      );
    });
  });
});
