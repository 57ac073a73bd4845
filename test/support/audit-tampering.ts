import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { AuditRow, hashedFields } from '../../src/audit/audit-chain-walk';
import type { HashedAuditFields } from '../../src/audit/audit-hash';

/**
 * What someone with the database owner's rights (but not the audit key) can do: rewrite a chain's
 * links from `fromSeq` on, each from the previous rewritten hash and the row's current columns, and
 * the chain's head row to match.
 */
export async function recomputeChain(
  owner: DataSource,
  chain: string,
  fromSeq: number,
  link: (prev: Buffer | null, fields: HashedAuditFields, row: AuditRow) => Buffer,
): Promise<void> {
  const rows = await owner.query<AuditRow[]>(`SELECT * FROM audit_log WHERE chain = $1 ORDER BY chain_seq`, [
    chain,
  ]);
  let prev: Buffer | null = null;
  for (const row of rows) {
    if (row.chain_seq >= fromSeq) {
      const hash = link(prev, hashedFields(row), row);
      await owner.query(`UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1`, [row.id, prev, hash]);
      prev = hash;
    } else prev = row.hash;
  }
  // The chain's head row too, as an owner hiding the rewrite would (else the next entry links to the old hash).
  if (prev) await owner.query(`UPDATE audit_chain_heads SET hash = $2 WHERE chain = $1`, [chain, prev]);
}

/** Edits a checkpoint file's lines in place (keeping its signature line as it was). */
export async function rewriteCheckpoint(
  dir: string,
  name: string,
  edit: (line: string) => string,
): Promise<void> {
  const path = join(dir, name);
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const edited = lines.map((line, i) => (i === lines.length - 2 ? line : edit(line)));
  writeFileSync(path, gzipSync(edited.join('\n')));
  return Promise.resolve();
}

/** Runs src/cli/<name>.ts as `npm run` would, with just enough environment besides `env`. */
export function runAuditCli(
  name: 'audit-verify' | 'audit-checkpoint',
  args: string[],
  env: Record<string, string>,
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', `src/cli/${name}.ts`, ...args], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'x'.repeat(40),
      PAYMENT_CALLBACK_SECRET: 'y'.repeat(20),
      ...env,
    },
    encoding: 'utf8',
  });
}
