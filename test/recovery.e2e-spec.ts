import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ELIGIBILITY_RULES } from '../src/eligibility/evaluate-eligibility';
import { insertPaidApplications } from './support/factories/bulk-applications';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { testEnvironment } from './support/test-env';
import { createTestRedis, TestRedis } from './support/test-redis';
import { waitFor } from './support/wait';
import { startWorkerProcess, stopProcess } from './support/worker-process';

/**
 * Postgres is the truth; Redis may lose everything and workers may die. These tests take real worker
 * processes through both and count, in Postgres, that every application was checked exactly once.
 */
// Real worker processes start from source and do real work: minutes, not the default minute.
jest.setTimeout(240_000);

describe('nothing lost, nothing twice', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let pg: DataSource;

  beforeEach(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    pg = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 2 })).initialize();
  });
  afterEach(async () => {
    await pg.destroy();
    await redis.clear();
    await db.drop();
  });

  const remaining = async () =>
    (
      await pg.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM applications WHERE status = 'CHECKING'`)
    )[0].n;

  async function expectCheckedExactlyOnce(ids: string[]) {
    const perApp = await pg.query<{ id: string; results: number; runs: number; audits: number }[]>(
      `SELECT a.id,
              (SELECT count(*)::int FROM application_checks c WHERE c.application_id = a.id) AS results,
              (SELECT count(DISTINCT check_run)::int FROM application_checks c WHERE c.application_id = a.id) AS runs,
              (SELECT count(*)::int FROM audit_log l WHERE l.application_id = a.id AND l.action IN ('CHECKS_PASSED', 'CHECKS_FAILED')) AS audits
       FROM applications a WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(perApp).toHaveLength(ids.length);
    const wrong = perApp.filter(
      (r) => r.results !== ELIGIBILITY_RULES.length || r.runs !== 1 || r.audits !== 1,
    );
    expect(wrong).toEqual([]);
    const [{ n }] = await pg.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM applications WHERE id = ANY($1::uuid[]) AND status = 'PENDING_REVIEW'`,
      [ids],
    );
    expect(n).toBe(ids.length);
  }

  it('checks 1,000 paid applications exactly once after Redis lost every job', async () => {
    const ids = await insertPaidApplications(pg, 1000, 'flush');
    await redis.clear(); // FLUSHALL, limited to what this test owns
    const worker = startWorkerProcess(testEnvironment(db, redis, { WORKER_CONCURRENCY: '32' }));
    try {
      await waitFor(
        async () => ((await remaining()) === 0 ? true : undefined),
        'all applications checked',
        120_000,
        500,
      );
    } finally {
      await stopProcess(worker);
    }
    await expectCheckedExactlyOnce(ids);
  });

  it('finishes every application exactly once when a worker is SIGKILLed mid-batch', async () => {
    const ids = await insertPaidApplications(pg, 1000, 'kill');
    const env = testEnvironment(db, redis, { WORKER_CONCURRENCY: '16', JOB_LOCK_MS: '2000' });
    const first = startWorkerProcess(env);
    await waitFor(
      async () => ((await remaining()) < 900 ? true : undefined),
      'the first worker to get going',
      90_000,
      50,
    );
    await stopProcess(first, 'SIGKILL');
    const left = await remaining();
    expect(left).toBeGreaterThan(0);
    const second = startWorkerProcess(env);
    try {
      await waitFor(
        async () => ((await remaining()) === 0 ? true : undefined),
        'the second worker to finish',
        120_000,
        500,
      );
    } finally {
      await stopProcess(second);
    }
    await expectCheckedExactlyOnce(ids);
  });

  it('issues every approved case exactly once when a worker is SIGKILLed during issuance', async () => {
    const ids = await insertPaidApplications(pg, 600, 'issue');
    // Approved, half to be posted and half collected at the office, with no jobs anywhere yet.
    await pg.query(
      `UPDATE applications SET status = 'APPROVED', decided_at = now(), decided_by = 'test',
         delivery = CASE WHEN right(reference, 1) IN ('0','2','4','6','8') THEN jsonb_set(delivery, '{method}', '"POST"') ELSE delivery END
       WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const approved = async () =>
      (
        await pg.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM applications WHERE status = 'APPROVED'`,
        )
      )[0].n;
    const env = testEnvironment(db, redis, { WORKER_CONCURRENCY: '16', JOB_LOCK_MS: '2000' });
    const first = startWorkerProcess(env);
    await waitFor(async () => ((await approved()) < 500 ? true : undefined), 'issuance to start', 90_000, 50);
    await stopProcess(first, 'SIGKILL');
    expect(await approved()).toBeGreaterThan(0);
    const second = startWorkerProcess(env);
    try {
      await waitFor(
        async () => ((await approved()) === 0 ? true : undefined),
        'every case issued',
        120_000,
        500,
      );
    } finally {
      await stopProcess(second);
    }
    const [counts] = await pg.query<
      { issued: number; cards: number; active: number; shipments: number; posted: number; audits: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM applications WHERE id = ANY($1::uuid[]) AND status = 'ISSUED') AS issued,
              (SELECT count(*)::int FROM licence_cards WHERE application_id = ANY($1::uuid[])) AS cards,
              (SELECT count(*)::int FROM licence_cards WHERE application_id = ANY($1::uuid[]) AND status = 'ACTIVE') AS active,
              (SELECT count(*)::int FROM shipments WHERE application_id = ANY($1::uuid[])) AS shipments,
              (SELECT count(*)::int FROM applications WHERE id = ANY($1::uuid[]) AND delivery->>'method' = 'POST') AS posted,
              (SELECT count(*)::int FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'ISSUE') AS audits`,
      [ids],
    );
    expect(counts).toEqual({
      issued: 600,
      cards: 600,
      active: 600,
      shipments: counts.posted,
      posted: counts.posted,
      audits: 600,
    });
    expect(counts.posted).toBeGreaterThan(200);
  });
});
