import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { Environment } from '../config/environment';
import { PreparingClient } from './prepared-statements';

/** One definition of the database connection, shared by the app, the CLI tools and the tests. */
export function dataSourceOptions(
  env: Pick<Environment, 'DATABASE_URL' | 'DB_POOL_SIZE'> & Partial<Pick<Environment, 'DB_PREPARED_STATEMENTS'>>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: env.DB_POOL_SIZE,
      application_name: 'licence-renewal',
      // Off unless asked for: migrations change the schema under what a connection has prepared.
      ...(env.DB_PREPARED_STATEMENTS ? { Client: PreparingClient } : {}),
    },
  };
}
