import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { statementCounter } from './statement-counter';
import { startTestApp, TestApp } from './test-app';

export interface BatchTestApp {
  t: TestApp;
  /** A connection of the test's own, for arranging rows and reading them back. */
  db: DataSource;
  /** Counts the statements a piece of work sends through the service's own DataSource. */
  counted: ReturnType<typeof statementCounter>;
  count: (sql: string, params: unknown[]) => Promise<number>;
  statuses: (ids: string[]) => Promise<Record<string, string>>;
}

/**
 * The service (api and worker in one process) for the set-based batch tests, started before the
 * file's tests and closed after them. Its fields are set once `beforeAll` has run.
 */
export function batchTestApp(): BatchTestApp {
  const app = {
    count: async (sql: string, params: unknown[]) =>
      (await app.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${sql}) x`, params))[0].n,
    statuses: async (ids: string[]) =>
      Object.fromEntries(
        (
          await app.db.query<{ id: string; status: string }[]>(
            `SELECT id, status FROM applications WHERE id = ANY($1::uuid[])`,
            [ids],
          )
        ).map((r) => [r.id, r.status]),
      ),
  } as BatchTestApp;
  beforeAll(async () => {
    app.t = await startTestApp({ role: 'all' });
    app.db = await new DataSource(
      dataSourceOptions({ DATABASE_URL: app.t.db.url, DB_POOL_SIZE: 2 }),
    ).initialize();
    app.counted = statementCounter(app.t.app.get(DataSource));
  });
  afterAll(async () => {
    await app.db?.destroy();
    await app.t?.close();
  });
  return app;
}
