import 'reflect-metadata';
import { createHttpApp, createWorkerContext } from './bootstrap';
import { Environment, loadEnvironment } from './config/environment';
import { migrateDatabase, migrationUrl } from './database/migrate-database';
import { loadDemoOnEmpty } from './seed/demo-on-empty';

/** Migrations at start are opt-in (MIGRATIONS_RUN) and serialised by an advisory lock. */
async function migrateIfAsked(env: Environment): Promise<void> {
  if (!env.MIGRATIONS_RUN) return;
  const applied = await migrateDatabase(env);
  if (applied.length) console.log(JSON.stringify({ level: 30, msg: 'migrations applied', applied }));
}

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  await migrateIfAsked(env);
  if (env.DEMO_SEED_ON_EMPTY) await loadDemoOnEmpty(migrationUrl(env));
  if (env.ROLE === 'worker') {
    await createWorkerContext();
    console.log(JSON.stringify({ level: 30, msg: 'worker started: processing the queues' }));
    return;
  }
  const app = await createHttpApp(env.ROLE);
  await app.listen({ port: env.PORT, host: env.HOST });
  // One line an operator reads first: where the service answers and where its documentation is.
  const base = env.PUBLIC_BASE_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  const docs = env.API_DOCS === 'public' ? `, API docs at ${base}/api/docs` : '';
  console.log(JSON.stringify({ level: 30, msg: `listening on ${base} (role ${env.ROLE})${docs}` }));
}

bootstrap().catch((error: unknown) => {
  // Configuration errors are already a readable list; anything else gets its stack.
  console.error(
    error instanceof Error && error.message.startsWith('Invalid environment') ? error.message : error,
  );
  process.exit(1);
});
