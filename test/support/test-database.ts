import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl, runId, TEST_DATABASE_URL, templateDatabaseName } from './test-services';

async function withAdmin<T>(fn: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  name: string;
  /** As the owner (superuser): for migrations, fixtures and inspection. */
  url: string;
  /** As licence_app, the role the service itself logs in as. */
  appUrl: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test file's own, cloned from the run's template. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const id = runId();
  const name = `lr_test_${id}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(
      options.empty
        ? `CREATE DATABASE "${name}"`
        : `CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName(id)}"`,
    ),
  );
  return {
    name,
    url: databaseUrl(name),
    appUrl: databaseUrl(name, 'licence_app'),
    drop: () =>
      withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
