import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createHttpApp, createWorkerContext } from './bootstrap';
import { Environment, loadEnvironment } from './config/environment';
import { dataSourceOptions } from './database/data-source-options';
import { ensureDatabaseExists } from './database/ensure-database';
import { runMigrationsLocked } from './database/migrator';

/** Migrations at start are opt-in (MIGRATIONS_RUN) and serialised by an advisory lock. */
async function migrateIfAsked(env: Environment): Promise<void> {
  if (!env.MIGRATIONS_RUN) return;
  await ensureDatabaseExists(env.DATABASE_URL);
  const dataSource = await new DataSource(dataSourceOptions({ ...env, DB_POOL_SIZE: 2 })).initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    if (applied.length) console.log(JSON.stringify({ level: 'info', msg: 'migrations applied', applied }));
  } finally {
    await dataSource.destroy();
  }
}

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  await migrateIfAsked(env);
  if (env.ROLE === 'worker') {
    await createWorkerContext();
    return;
  }
  const app = await createHttpApp(env.ROLE);
  await app.listen({ port: env.PORT, host: env.HOST });
}

bootstrap().catch((error: unknown) => {
  // Configuration errors are already a readable list; anything else gets its stack.
  console.error(
    error instanceof Error && error.message.startsWith('Invalid environment') ? error.message : error,
  );
  process.exit(1);
});
