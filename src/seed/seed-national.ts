import { createWriteStream, WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Client } from 'pg';
import { copyFile, CopyIn, writeWithBackPressure } from './copy-loader';
import type { Day } from './dates';
import { ReferenceDataGenerator } from './generator';
import { silentProgress, SeedProgress } from './progress';
import { dropSecondaryIndexesAndForeignKeys, prepareReferenceTables } from './reference-tables';
import { REFERENCE_TABLES, TABLE_KEYS, TABLES, TableKey, toCopyText } from './rows';

export interface NationalSeedOptions {
  drivers: number;
  seed: string;
  today: Day;
  /** Empty the reference tables first; without it a non-empty drivers table refuses the load. */
  replace?: boolean;
  /** Drivers generated per batch (memory stays proportional to this). */
  batchSize?: number;
  progress?: SeedProgress;
}

export interface TableLoad {
  table: string;
  rows: number;
  /** Time spent loading this table (for drivers: while generating every table). */
  ms: number;
}

export interface SeedReport {
  replacedDrivers: number;
  tables: TableLoad[];
  /** Rebuilding the dropped indexes and foreign keys, and ANALYZE. */
  indexMs: number;
  totalMs: number;
}

const DEFAULT_BATCH = 1_000;

/**
 * Generates and loads the national data set in ONE transaction, so a failure leaves the database as
 * it was. Drivers stream straight into COPY while they are generated; the other tables are written
 * to temporary COPY files in the same pass (one generation, bounded memory) and then COPYed in
 * turn, because one connection runs one COPY at a time. Secondary indexes and foreign keys are
 * dropped for the load and rebuilt once at the end.
 */
export async function seedNational(client: Client, options: NationalSeedOptions): Promise<SeedReport> {
  if (!Number.isInteger(options.drivers) || options.drivers < 1)
    throw new Error('drivers must be a positive integer');
  const progress = options.progress ?? silentProgress;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'lr-seed-'));
  const files = new Map<TableKey, WriteStream>();
  let drivers: CopyIn | null = null;
  await client.query('BEGIN');
  try {
    // A bulk load: no need to wait for the WAL flush at commit, and more memory for index builds.
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const replacedDrivers = await prepareReferenceTables(client, options.replace ?? false);
    const dropped = await dropSecondaryIndexesAndForeignKeys(client, REFERENCE_TABLES);

    const generator = new ReferenceDataGenerator({ seed: options.seed, today: options.today });
    const spilled = TABLE_KEYS.filter((key) => key !== 'drivers');
    for (const key of spilled) {
      files.set(key, createWriteStream(join(dir, `${key}.copy`), { highWaterMark: 1 << 20 }));
    }
    const rows = new Map<TableKey, number>(TABLE_KEYS.map((key) => [key, 0]));
    const tables: TableLoad[] = [];

    progress.step('Generating; loading drivers', options.drivers, 'drivers');
    let phaseStart = Date.now();
    drivers = new CopyIn(client, 'drivers');
    for (let done = 0; done < options.drivers;) {
      const count = Math.min(batchSize, options.drivers - done);
      const batch = generator.batch(count);
      await drivers.write(toCopyText('drivers', batch.drivers));
      for (const key of spilled) await writeWithBackPressure(files.get(key)!, toCopyText(key, batch[key]));
      for (const key of TABLE_KEYS) rows.set(key, rows.get(key)! + batch[key].length);
      done += count;
      progress.advance(count);
    }
    await drivers.end();
    tables.push({ table: 'drivers', rows: rows.get('drivers')!, ms: Date.now() - phaseStart });
    for (const file of files.values()) {
      file.end();
      await finished(file);
    }

    for (const key of spilled) {
      const path = join(dir, `${key}.copy`);
      progress.step(`Loading ${TABLES[key].table}`, (await stat(path)).size / 1e6, 'MB');
      phaseStart = Date.now();
      await copyFile(client, key, path, (bytes) => progress.advance(bytes / 1e6));
      tables.push({ table: TABLES[key].table, rows: rows.get(key)!, ms: Date.now() - phaseStart });
      await rm(path);
    }

    progress.step('Rebuilding indexes and keys', dropped.length + REFERENCE_TABLES.length, 'steps');
    phaseStart = Date.now();
    for (const object of dropped) {
      await client.query(object.restore);
      progress.advance(1);
    }
    for (const table of REFERENCE_TABLES) {
      await client.query(`ANALYZE ${table}`);
      progress.advance(1);
    }
    const indexMs = Date.now() - phaseStart;
    await client.query('COMMIT');
    progress.finish();
    return { replacedDrivers, tables, indexMs, totalMs: Date.now() - started };
  } catch (error) {
    progress.finish();
    await drivers?.abort();
    for (const file of files.values()) file.destroy();
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
