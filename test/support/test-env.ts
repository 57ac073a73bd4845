import type { TestDatabase } from './test-database';
import type { TestRedis } from './test-redis';

/** The environment a test's app or worker runs with: its own database and its own Redis prefix. */
export function testEnvironment(
  db: TestDatabase,
  redis: TestRedis,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redis.prefix,
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
    PAYMENT_CALLBACK_SECRET: 'test-payment-callback-secret',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MIGRATIONS_RUN: 'false',
    DEMO_SEED_ON_EMPTY: 'false',
    DB_POOL_SIZE: '5',
    RECONCILE_INTERVAL_SECONDS: '3600',
    OUTBOX_POLL_MS: '50',
    NOTICE_POLL_MS: '50',
    // Jobs are batched as they come, without waiting for more: the tests wait for each case.
    BATCH_WAIT_MS: '5',
    // A claim-next that asks to wait for a case holds the request a second at most (the fuzzers ask).
    CLAIM_WAIT_MAX_SECONDS: '1',
    // Tests reach the app from 127.0.0.1 and play the proxy: each sign-in names its own client address.
    TRUSTED_PROXIES: '127.0.0.1',
    ...extra,
  };
}
