import type { Client } from 'pg';
import { REFERENCE_TABLES } from './rows';

/** Refusing to load is a normal outcome, not a crash: the CLI prints the message and exits 3. */
export class SeedRefusedError extends Error {
  override readonly name = 'SeedRefusedError';
}

export async function countDrivers(client: Client): Promise<number> {
  const { rows } = await client.query<{ count: string }>('SELECT count(*) AS count FROM drivers');
  return Number(rows[0].count);
}

/**
 * Inside the caller's transaction: locks the reference tables against every other session, then
 * either empties them (replace) or makes sure drivers is empty. Returns how many drivers were removed.
 */
export async function prepareReferenceTables(client: Client, replace: boolean): Promise<number> {
  await client.query(`LOCK TABLE ${REFERENCE_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const existing = await countDrivers(client);
  if (existing === 0) return 0;
  if (!replace) {
    throw new SeedRefusedError(
      `The drivers table already holds ${existing.toLocaleString('en-US')} records, so nothing was loaded: ` +
        'two data sets would mix. Run again with --replace to empty ' +
        `${REFERENCE_TABLES.join(', ')} first (provinces is kept).`,
    );
  }
  try {
    await client.query(`TRUNCATE ${REFERENCE_TABLES.join(', ')}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not empty the reference tables (${message}). Another table refers to them; ` +
        'empty or drop that data first.',
    );
  }
  return existing;
}

export interface DroppedObject {
  kind: 'index' | 'foreign key';
  name: string;
  /** The statement that puts it back. */
  restore: string;
}

/**
 * Drops the secondary indexes and foreign keys of the given tables (inside the caller's transaction,
 * so nothing is lost if the load fails) and returns how to put them back. Building an index once over
 * loaded rows is far cheaper than updating it row by row, and a foreign key checked once by a join
 * is far cheaper than a trigger per row. Primary keys stay: they keep the load itself honest.
 */
export async function dropSecondaryIndexesAndForeignKeys(
  client: Client,
  tables: readonly string[],
): Promise<DroppedObject[]> {
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT quote_ident(ns.nspname) || '.' || quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE ns.nspname = current_schema() AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = t.oid)
      ORDER BY 1`,
    [tables],
  );
  const foreignKeys = await client.query<{ table: string; name: string; def: string }>(
    `SELECT quote_ident(ns.nspname) || '.' || quote_ident(t.relname) AS table, quote_ident(c.conname) AS name,
            pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE c.contype = 'f' AND ns.nspname = current_schema() AND t.relname = ANY($1)
      ORDER BY 1, 2`,
    [tables],
  );
  const dropped: DroppedObject[] = [];
  for (const fk of foreignKeys.rows) {
    await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
    dropped.push({
      kind: 'foreign key',
      name: fk.name,
      restore: `ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.def}`,
    });
  }
  for (const index of indexes.rows) {
    await client.query(`DROP INDEX ${index.name}`);
    dropped.push({ kind: 'index', name: index.name, restore: index.def });
  }
  // Indexes first, then foreign keys (whose check can use them).
  return [...dropped.filter((d) => d.kind === 'index'), ...dropped.filter((d) => d.kind === 'foreign key')];
}
