import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runOncePerKey } from '../src/applications/idempotency';
import { riderAlone } from '../src/database/statement-rider';
import { dataSourceOptions } from '../src/database/data-source-options';
import { statementCounter } from './support/statement-counter';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** At most once per key, against the real database: replay, mismatch, and a request still in flight. */
describe('runOncePerKey', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(
      dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 4, DB_PREPARED_STATEMENTS: true }),
    ).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const citizenId = randomUUID();
  const scope = (key: string, request: unknown = { a: 1 }) => ({ citizenId, key, request });

  it('does the work once and replays the stored response for the same key and body', async () => {
    let runs = 0;
    const work = async () => ({ status: 201, body: { run: ++runs } });
    const first = await runOncePerKey(ds, scope('key-replay-1'), work);
    const again = await runOncePerKey(ds, scope('key-replay-1'), work);
    expect(first).toEqual({ status: 201, body: { run: 1 }, replayed: false });
    expect(again).toEqual({ status: 201, body: { run: 1 }, replayed: true });
    expect(runs).toBe(1);
  });

  it("stores the response with the work's own statement when the work keeps it, and on its own when not", async () => {
    const counted = statementCounter(ds);
    const submit = (
      key: string,
      answer: (kept: { status: number; body: { n: number } }) => { status: number; body: { n: number } },
    ) =>
      counted(() =>
        runOncePerKey<{ n: number }>(ds, scope(key), async (tx, keep) => {
          const response = { status: 201, body: { n: 1 } };
          // The work's last statement carries the kept response's storing (as an audit entry does).
          await tx.query(...riderAlone(keep(response)));
          return answer(response);
        }),
      );
    const replay = (key: string) =>
      runOncePerKey<{ n: number }>(ds, scope(key), async () => {
        throw new Error('replayed, not run');
      });

    const kept = await submit('key-kept', (response) => response);
    // BEGIN, the key, the work's statement, COMMIT: no statement of its own for the response.
    expect(kept.statements).toBe(4);
    expect(await replay('key-kept')).toEqual({ status: 201, body: { n: 1 }, replayed: true });

    // Another answer than the one kept is the one stored: the work's answer is the truth.
    const replaced = await submit('key-replaced', () => ({ status: 201, body: { n: 2 } }));
    expect(replaced.statements).toBe(5);
    expect(await replay('key-replaced')).toEqual({ status: 201, body: { n: 2 }, replayed: true });
  });

  it('refuses the same key with another body', async () => {
    await runOncePerKey(ds, scope('key-mismatch', { a: 1 }), async () => ({ status: 201, body: {} }));
    await expect(
      runOncePerKey(ds, scope('key-mismatch', { a: 2 }), async () => ({ status: 201, body: {} })),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
  });

  it('tells a second request that the first is still in flight, after waiting a few seconds, not forever', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const first = runOncePerKey(ds, scope('key-in-flight'), async () => {
      started();
      await held;
      return { status: 201, body: { first: true } };
    });
    await inside;
    const t = Date.now();
    await expect(
      runOncePerKey(ds, scope('key-in-flight'), async () => ({ status: 201, body: { second: true } })),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_IN_FLIGHT' });
    expect(Date.now() - t).toBeGreaterThanOrEqual(4_000);
    release();
    await expect(first).resolves.toMatchObject({ status: 201, replayed: false });
    // The timeout was the transaction's own: the pool's connections wait as long as they must again.
    const [{ lock_timeout }] = await ds.query<{ lock_timeout: string }[]>(`SHOW lock_timeout`);
    expect(lock_timeout).toBe('0');
  }, 30_000);
});
