import 'reflect-metadata';
import { loadEnvironment } from '../config/environment';
import { migrateDatabase, revertDatabase } from '../database/migrate-database';

/** npm run migration:run | migration:revert — as the owner role (MIGRATION_DATABASE_URL). */
async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'run' && command !== 'revert') {
    console.error('usage: migrate run|revert');
    process.exit(2);
  }
  const env = loadEnvironment();
  if (command === 'run') {
    const applied = await migrateDatabase(env);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  } else {
    await revertDatabase(env);
    console.log('Reverted the last migration.');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
