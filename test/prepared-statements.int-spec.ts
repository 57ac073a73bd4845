import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { processStatementNames } from '../src/database/prepared-statements';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** The service's connections prepare what they repeat, and answer exactly as unprepared ones do. */
describe('prepared statements', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    ds = await new DataSource(
      dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 1, DB_PREPARED_STATEMENTS: true }),
    ).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const prepared = async () =>
    (await ds.query<{ statement: string }[]>(`SELECT statement FROM pg_prepared_statements`)).map(
      (r) => r.statement,
    );

  it('prepares a parameterised statement the second time it is sent, and keeps answering', async () => {
    const text = `SELECT $1::int + 1 AS next /* prepared-statements test */`;
    expect(await ds.query(text, [1])).toEqual([{ next: 2 }]);
    expect(await prepared()).not.toContain(text);
    expect(await ds.query(text, [2])).toEqual([{ next: 3 }]);
    expect(await ds.query(text, [41])).toEqual([{ next: 42 }]);
    expect(await prepared()).toContain(text);
    expect(processStatementNames.size).toBeGreaterThan(0);
  });

  it('reports errors of a prepared statement, and the connection goes on working', async () => {
    const text = `SELECT 10 / $1::int AS share /* division test */`;
    await ds.query(text, [5]);
    await ds.query(text, [5]);
    await expect(ds.query(text, [0])).rejects.toThrow(/division by zero/);
    expect(await ds.query(text, [2])).toEqual([{ share: 5 }]);
  });

  it('leaves statements without parameters (which may hold several commands) unprepared', async () => {
    for (let i = 0; i < 3; i++) await ds.query(`SELECT 1 AS one; SELECT 2 AS two`);
    expect((await prepared()).some((s) => s.includes('SELECT 2 AS two'))).toBe(false);
  });

  it('prepares a text that fails to parse only once it parses', async () => {
    const text = `SELECT missing_column FROM pg_class WHERE oid = $1`;
    for (let i = 0; i < 3; i++) await expect(ds.query(text, [1])).rejects.toThrow(/missing_column/);
    expect(await ds.query(`SELECT $1::text AS still`, ['here'])).toEqual([{ still: 'here' }]);
  });
});
