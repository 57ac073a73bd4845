import { Client } from 'pg';
import { runId, TEST_DATABASE_URL } from './test-services';

/** Drops every database this run created (the template and any clone a crashed file left behind). */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`lr_test_${runId()}_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
