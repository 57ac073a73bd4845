import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createHttpApp } from '../../src/bootstrap';
import { recordResponsesForContract } from './openapi-contract';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestRedis, TestRedis } from './test-redis';
import { testEnvironment } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL for supertest: request(t.url).get(...) */
  url: string;
  db: TestDatabase;
  redis: TestRedis;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the real HTTP application on a free port against a fresh database and a Redis prefix of
 * its own. close() stops it and removes both.
 */
export async function startTestApp(
  options: { role?: 'api' | 'all'; env?: Record<string, string>; db?: TestDatabase; redis?: TestRedis } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const redis = options.redis ?? createTestRedis();
  const env = testEnvironment(db, redis, options.env);
  Object.assign(process.env, env);
  const app = await createHttpApp(options.role ?? 'api');
  recordResponsesForContract(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    db,
    redis,
    env,
    close: async () => {
      await app.close();
      if (!options.redis) await redis.clear();
      if (!options.db) await db.drop();
    },
  };
}

/**
 * The app, and a DataSource of the test's own on the app's database to arrange and check rows with
 * (`poolSize` connections). Stop both with stopTestAppWithDb.
 */
export async function startTestAppWithDb(
  options: Parameters<typeof startTestApp>[0] = {},
  poolSize = 3,
): Promise<{ t: TestApp; db: DataSource }> {
  const t = await startTestApp(options);
  const db = await new DataSource(
    dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: poolSize }),
  ).initialize();
  return { t, db };
}

export async function stopTestAppWithDb(t: TestApp | undefined, db: DataSource | undefined): Promise<void> {
  await db?.destroy();
  await t?.close();
}
