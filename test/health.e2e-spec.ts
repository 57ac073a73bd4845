import request from 'supertest';
import { TcpProxy } from './support/tcp-proxy';
import { createTestDatabase } from './support/test-database';
import { createTestRedis } from './support/test-redis';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './support/test-services';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}

describe('health, docs and problem details', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports liveness and readiness of Postgres and Redis', async () => {
    await request(t.url).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(t.url).get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.url).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/provinces');
  });

  it('lists the 34 provinces as a plain array', async () => {
    const res = await request(t.url).get('/api/v1/provinces').expect(200);
    expect(res.body).toHaveLength(34);
    expect(res.body).toContainEqual({ code: '01', name: 'Hà Nội' });
    expect(res.body).toContainEqual({ code: '79', name: 'Thành phố Hồ Chí Minh' });
  });

  it('answers unknown routes with an RFC 9457 problem', async () => {
    const res = await request(t.url).get('/api/v1/nowhere').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      title: 'Not found',
      type: expect.any(String),
      detail: expect.any(String),
    });
  });

  it('echoes a request id', async () => {
    const res = await request(t.url).get('/health/live').set('x-request-id', 'test-request-0001').expect(200);
    expect(res.headers['x-request-id']).toBe('test-request-0001');
  });
});

describe('readiness follows its dependencies without a restart', () => {
  const pgTarget = new URL(TEST_DATABASE_URL);
  const redisTarget = new URL(TEST_REDIS_URL);
  const pgProxy = new TcpProxy(pgTarget.hostname, Number(pgTarget.port || 5432));
  const redisProxy = new TcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    const db = await createTestDatabase();
    const redis = createTestRedis();
    await pgProxy.start();
    await redisProxy.start();
    const viaPg = new URL(db.appUrl);
    viaPg.port = String(pgProxy.port);
    const viaRedis = new URL(redis.url);
    viaRedis.port = String(redisProxy.port);
    t = await startTestApp({
      db: { ...db, appUrl: viaPg.toString() },
      redis: { ...redis, url: viaRedis.toString() },
    });
    const closeApp = t.close;
    t.close = async () => {
      await closeApp();
      await redis.clear();
      await db.drop();
    };
  });
  afterAll(async () => {
    await t.close();
    await pgProxy.stop();
    await redisProxy.stop();
  });

  const ready = () => request(t.url).get('/health/ready');

  it('turns red naming Redis when Redis goes away, and green when it returns', async () => {
    await ready().expect(200);
    await redisProxy.stop();
    await waitFor(async () => (await ready()).status === 503);
    const down = await ready();
    expect(down.body.detail).toBe('Not ready: redis down.');
    expect(down.body.checks.postgres.status).toBe('up');
    await redisProxy.start();
    await waitFor(async () => (await ready()).status === 200);
  });

  it('turns red naming Postgres when Postgres goes away, and green when it returns', async () => {
    await pgProxy.stop();
    await waitFor(async () => (await ready()).status === 503);
    const down = await ready();
    expect(down.body.detail).toBe('Not ready: postgres down.');
    await pgProxy.start();
    await waitFor(async () => (await ready()).status === 200);
  });
});
