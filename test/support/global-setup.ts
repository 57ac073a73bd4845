import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsLocked } from '../../src/database/migrator';
import { databaseUrl, TEST_DATABASE_URL, templateDatabaseName } from './test-services';

/**
 * Once per run: a migrated template database. Each test file clones it (CREATE DATABASE … TEMPLATE),
 * which is far faster than migrating per file, and drops its clone when done.
 */
export default async function globalSetup(): Promise<void> {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.LR_TEST_RUN_ID = id;
  const template = templateDatabaseName(id);
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const dataSource = await new DataSource(
    dataSourceOptions({ DATABASE_URL: databaseUrl(template), DB_POOL_SIZE: 2 }),
  ).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
