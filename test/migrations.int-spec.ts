import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { revertLastMigration, runMigrationsLocked } from '../src/database/migrator';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    ds = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 4 })).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const tables = async () =>
    (
      await ds.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
      )
    ).map((r) => r.tablename);

  it('migrate an empty database, revert every step cleanly, and migrate again', async () => {
    const applied = await runMigrationsLocked(ds);
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables()).toEqual(
      expect.arrayContaining(['drivers', 'licences', 'licence_classes', 'provinces']),
    );
    for (let i = 0; i < applied.length; i++) await revertLastMigration(ds);
    expect(await tables()).toEqual([]);
    expect(await runMigrationsLocked(ds)).toEqual(applied);
  });

  it('lets two processes migrate at once without conflict', async () => {
    const other = await new DataSource(
      dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 2 }),
    ).initialize();
    try {
      const results = await Promise.all([runMigrationsLocked(ds), runMigrationsLocked(other)]);
      expect(results.flat()).toEqual([]);
    } finally {
      await other.destroy();
    }
  });
});
