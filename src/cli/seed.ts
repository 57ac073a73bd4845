import { Client } from 'pg';
import { loadEnvironment } from '../config/environment';
import { migrationUrl } from '../database/migrate-database';
import { parseSeedArgs, SEED_USAGE, SeedCommand, UsageError } from '../seed/cli-args';
import { isoDay } from '../seed/dates';
import { seedDemo } from '../seed/demo';
import { silentProgress, terminalProgress } from '../seed/progress';
import { countDrivers, SeedRefusedError } from '../seed/reference-tables';
import { SeedReport, seedNational } from '../seed/seed-national';

/**
 * npm run seed -- --drivers N [--seed S] [--replace]   the national data set
 * npm run seed -- --demo [--if-empty]                   the demo data set
 * Exit codes: 0 done (or nothing to do with --if-empty), 1 error, 2 usage, 3 refused (drivers not empty).
 */
async function main(): Promise<number> {
  let command: SeedCommand;
  try {
    command = parseSeedArgs(process.argv.slice(2), new Date());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${SEED_USAGE}`);
    return 2;
  }
  // As the owner of the tables (the role that runs migrations): the load drops and rebuilds indexes.
  const env = loadEnvironment();
  const client = new Client({
    connectionString: migrationUrl(env),
    application_name: 'licence-renewal-seed',
  });
  await client.connect();
  try {
    if (command.ifEmpty && (await countDrivers(client)) > 0) {
      console.log('The drivers table is not empty: nothing to do (--if-empty).');
      return 0;
    }
    if (command.kind === 'demo') {
      const report = await seedDemo(client, new Date(`${isoDay(command.today)}T12:00:00+07:00`), {
        replace: command.replace,
      });
      console.log(
        `Loaded the demo data set as of ${isoDay(command.today)}: ${report.people} documented people ` +
          `(docs/demo-accounts.md) and ${report.randomDrivers} random drivers.`,
      );
      return 0;
    }
    const report = await seedNational(client, {
      drivers: command.drivers,
      seed: command.seed,
      today: command.today,
      replace: command.replace,
      batchSize: command.batchSize,
      progress: command.progress && process.stderr.isTTY ? terminalProgress() : silentProgress,
    });
    printReport(report, command.seed, isoDay(command.today));
    return 0;
  } catch (error) {
    if (error instanceof SeedRefusedError) {
      // Another process loaded data between our check and our lock: with --if-empty that is fine.
      if (command.ifEmpty) return 0;
      console.error(error.message);
      return 3;
    }
    if ((error as { code?: string }).code === '42501') {
      throw new Error(
        `${(error as Error).message}: the seed must run as the role that owns the tables ` +
          '(set MIGRATION_DATABASE_URL to the role that runs migrations).',
      );
    }
    throw error;
  } finally {
    await client.end();
  }
}

function printReport(report: SeedReport, seed: string, today: string): void {
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const lines = [
    `Seed "${seed}", today ${today}` +
      (report.replacedDrivers ? `; replaced ${n(report.replacedDrivers)} drivers` : '') +
      '.',
    `${'table'.padEnd(20)} ${'rows'.padStart(11)} ${'seconds'.padStart(8)} ${'rows/s'.padStart(10)}`,
    ...report.tables.map(
      (t) =>
        `${t.table.padEnd(20)} ${n(t.rows).padStart(11)} ${(t.ms / 1000).toFixed(1).padStart(8)} ` +
        `${n(t.rows / Math.max(t.ms / 1000, 0.001)).padStart(10)}`,
    ),
    `(seconds: each table's COPY time, summed over rounds; the next round is generated meanwhile)`,
    `Indexes, foreign keys, ANALYZE: ${(report.indexMs / 1000).toFixed(1)} s`,
    `Total: ${n(report.tables.reduce((sum, t) => sum + t.rows, 0))} rows in ${(report.totalMs / 1000).toFixed(1)} s`,
  ];
  console.log(lines.join('\n'));
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
