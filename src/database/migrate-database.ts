import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabaseExists } from './ensure-database';
import { revertLastMigration, runMigrationsLocked } from './migrator';

type MigrationEnv = Pick<Environment, 'DATABASE_URL' | 'MIGRATION_DATABASE_URL' | 'APP_DB_PASSWORD'>;

/** Migrations run as the owner role (MIGRATION_DATABASE_URL), falling back to DATABASE_URL. */
export const migrationUrl = (env: MigrationEnv) => env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;

/** Creates the database if missing, applies pending migrations, and sets the app role's password if given. */
export async function migrateDatabase(env: MigrationEnv): Promise<string[]> {
  await ensureDatabaseExists(migrationUrl(env));
  const dataSource = await new DataSource(
    dataSourceOptions({ DATABASE_URL: migrationUrl(env), DB_POOL_SIZE: 2 }),
  ).initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    if (env.APP_DB_PASSWORD) {
      const literal = await dataSource.query<{ l: string }[]>(`SELECT quote_literal($1::text) AS l`, [
        env.APP_DB_PASSWORD,
      ]);
      await dataSource.query(`ALTER ROLE licence_app PASSWORD ${literal[0].l}`);
    }
    return applied;
  } finally {
    await dataSource.destroy();
  }
}

export async function revertDatabase(env: MigrationEnv): Promise<void> {
  const dataSource = await new DataSource(
    dataSourceOptions({ DATABASE_URL: migrationUrl(env), DB_POOL_SIZE: 2 }),
  ).initialize();
  try {
    await revertLastMigration(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
