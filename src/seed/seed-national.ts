import { setImmediate } from 'node:timers/promises';
import type { Client } from 'pg';
import { CopyIn } from './copy-loader';
import type { Day } from './dates';
import { ReferenceDataGenerator } from './generator';
import { silentProgress, SeedProgress } from './progress';
import { dropSecondaryIndexesAndForeignKeys, prepareReferenceTables } from './reference-tables';
import { emptyBatch, REFERENCE_TABLES, RowBatch, TABLE_KEYS, TABLES, TableKey, toCopyText } from './rows';

export interface NationalSeedOptions {
  drivers: number;
  seed: string;
  today: Day;
  /** Empty the reference tables first; without it a non-empty drivers table refuses the load. */
  replace?: boolean;
  /** Drivers generated and COPYed per round (default 5,000); memory is proportional to it. */
  batchSize?: number;
  progress?: SeedProgress;
}

export interface TableLoad {
  table: string;
  rows: number;
  /** Time its COPY statements took, summed (generation of the next round runs meanwhile). */
  ms: number;
}

export interface SeedReport {
  replacedDrivers: number;
  tables: TableLoad[];
  /** Rebuilding the dropped indexes and foreign keys, and ANALYZE. */
  indexMs: number;
  totalMs: number;
}

/** Drivers per COPY round: big enough that a round trip per table is noise, small enough for memory. */
const DEFAULT_BATCH = 5_000;
/** Generation yields to the event loop this often, so the previous round's COPY data keeps flowing. */
const SLICE = 500;

/**
 * Generates and loads the national data set in ONE transaction, so a failure leaves the database as
 * it was. Rows are generated in rounds of `batchSize` drivers; each round is COPYed table by table
 * while the next round is generated, so Node and Postgres work at the same time and at most two
 * rounds are in memory. Secondary indexes and foreign keys are dropped for the load and rebuilt
 * once at the end.
 */
export async function seedNational(client: Client, options: NationalSeedOptions): Promise<SeedReport> {
  if (!Number.isInteger(options.drivers) || options.drivers < 1) {
    throw new Error('drivers must be a positive integer');
  }
  const progress = options.progress ?? silentProgress;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const started = Date.now();
  let loading: Promise<void> = Promise.resolve();
  await client.query('BEGIN');
  try {
    // A bulk load: no need to wait for the WAL flush at commit, and more memory for index builds.
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const replacedDrivers = await prepareReferenceTables(client, options.replace ?? false);
    const dropped = await dropSecondaryIndexesAndForeignKeys(client, REFERENCE_TABLES);

    const generator = new ReferenceDataGenerator({ seed: options.seed, today: options.today });
    const stats = new Map<TableKey, TableLoad>(
      TABLE_KEYS.map((key) => [key, { table: TABLES[key].table, rows: 0, ms: 0 }]),
    );
    progress.step('Generating and loading', options.drivers, 'drivers');
    for (let done = 0; done < options.drivers;) {
      const count = Math.min(batchSize, options.drivers - done);
      const batch = emptyBatch();
      for (let sliced = 0; sliced < count; sliced += SLICE) {
        appendBatch(batch, generator.batch(Math.min(SLICE, count - sliced)));
        await setImmediate();
      }
      const texts = TABLE_KEYS.map((key) => [key, toCopyText(key, batch[key]), batch[key].length] as const);
      await loading;
      loading = copyRound(client, texts, stats);
      // Awaited in the next round; until then a failure must not count as an unhandled rejection.
      loading.catch(() => undefined);
      done += count;
      progress.advance(count);
    }
    await loading;

    progress.step('Rebuilding indexes and keys', dropped.length + REFERENCE_TABLES.length, 'steps');
    const indexStart = Date.now();
    for (const object of dropped) {
      await client.query(object.restore);
      progress.advance(1);
    }
    for (const table of REFERENCE_TABLES) {
      await client.query(`ANALYZE ${table}`);
      progress.advance(1);
    }
    const indexMs = Date.now() - indexStart;
    await client.query('COMMIT');
    progress.finish();
    return { replacedDrivers, tables: [...stats.values()], indexMs, totalMs: Date.now() - started };
  } catch (error) {
    progress.finish();
    // A round still loading finishes (its data is all written) before the rollback can run.
    await loading.catch(() => undefined);
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** One round: a COPY per table, one after the other on the connection. */
async function copyRound(
  client: Client,
  texts: readonly (readonly [TableKey, string, number])[],
  stats: Map<TableKey, TableLoad>,
): Promise<void> {
  for (const [key, text, rows] of texts) {
    if (rows === 0) continue;
    const start = Date.now();
    const copy = new CopyIn(client, key);
    await copy.write(text);
    await copy.end();
    const table = stats.get(key)!;
    table.rows += rows;
    table.ms += Date.now() - start;
  }
}

function appendBatch(into: RowBatch, from: RowBatch): void {
  for (const key of TABLE_KEYS) (into[key] as unknown[]).push(...from[key]);
}
