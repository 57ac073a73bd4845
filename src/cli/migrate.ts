import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';
import { revertLastMigration, runMigrationsLocked } from '../database/migrator';

/** npm run migration:run | migration:revert */
async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'run' && command !== 'revert') {
    console.error('usage: migrate run|revert');
    process.exit(2);
  }
  const dataSource = await new DataSource(dataSourceOptions(loadEnvironment())).initialize();
  try {
    if (command === 'run') {
      const applied = await runMigrationsLocked(dataSource);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    } else {
      await revertLastMigration(dataSource);
      console.log('Reverted the last migration.');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
