import { DataSource, QueryRunner } from 'typeorm';
import type { AuditKey } from '../audit-hash';
import { AuditProblem, describeProblem } from '../audit-problems';
import { CheckpointHead, CheckpointHeader, signedCheckpointLines } from './audit-checkpoint-format';
import type { AuditCheckpointRef, AuditCheckpointStore } from './audit-checkpoint-store';
import { checkAgainstCheckpoint } from './check-against-checkpoint';

/** One checkpoint writer at a time across every process (transaction-scoped advisory lock). */
const CHECKPOINT_LOCK = 724_311_100;

export interface WrittenCheckpoint extends AuditCheckpointRef {
  entries: number;
  chains: number;
}

/** The log contradicts the newest checkpoint: a new one would hide that, so none is written. */
export class CheckpointRefused extends Error {
  constructor(
    readonly previous: string,
    readonly problems: AuditProblem[],
  ) {
    super(
      `the audit log contradicts the newest checkpoint ${previous} (${problems.length} problems, first: ` +
        `${describeProblem(problems[0])}); no new checkpoint written: run npm run audit:verify`,
    );
    this.name = 'CheckpointRefused';
  }
}

/**
 * Takes a checkpoint: every chain's last seq and hash, the number of entries and the highest id of an
 * unkeyed entry, all read in one REPEATABLE READ snapshot so they agree with each other, signed and
 * stored outside the database. Chains are read in keyset pages of `pageSize` heads, so memory stays
 * flat however many chains there are. Returns null when another process is taking one right now.
 *
 * First it checks the log against the newest checkpoint (the same check audit:verify makes), and
 * refuses (CheckpointRefused) if they disagree: otherwise a chain truncated after one checkpoint
 * would look whole to the next, and verify, which reads the newest, would no longer see it. `force`
 * writes anyway, for after the problems were investigated (or the key was changed).
 */
export async function writeAuditCheckpoint(
  db: DataSource,
  store: AuditCheckpointStore,
  key: AuditKey,
  options: { now?: Date; pageSize?: number; force?: boolean } = {},
): Promise<WrittenCheckpoint | null> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        CHECKPOINT_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return null;
      const previous = (await store.list()).at(-1);
      if (previous && !options.force) {
        const { problems } = await checkAgainstCheckpoint(runner, store, previous.name, key);
        if (problems.length) throw new CheckpointRefused(previous.name, problems);
      }
      const [totals] = (await runner.query(
        `SELECT count(*) AS entries,
                (SELECT max(id) FROM audit_log WHERE hash_alg = 'sha256') AS unkeyed_max_id
         FROM audit_log`,
      )) as { entries: string; unkeyed_max_id: string | null }[];
      const createdAt = options.now ?? new Date();
      const header: Omit<CheckpointHeader, 'format' | 'version'> = {
        createdAt: createdAt.toISOString(),
        entries: Number(totals.entries),
        unkeyedMaxId: totals.unkeyed_max_id === null ? null : String(totals.unkeyed_max_id),
      };
      let chains = 0;
      const lines = signedCheckpointLines(key, header, heads(runner, options.pageSize ?? 5000), (n) => {
        chains = n;
      });
      const ref = await store.write(createdAt, lines);
      return { ...ref, entries: header.entries, chains };
    } finally {
      await runner.query(`ROLLBACK`); // read only: nothing to commit; ends the snapshot and the lock
    }
  } finally {
    await runner.release();
  }
}

/** Each chain's newest entry, in the database's chain order, a page of chains at a time. */
async function* heads(runner: QueryRunner, pageSize: number): AsyncIterable<CheckpointHead> {
  let after = ''; // sorts before every chain name in every collation
  for (;;) {
    const rows = (await runner.query(
      `SELECT DISTINCT ON (chain) chain, chain_seq, hash FROM audit_log
       WHERE chain > $1
       ORDER BY chain, chain_seq DESC LIMIT $2`,
      [after, pageSize],
    )) as { chain: string; chain_seq: number; hash: Buffer }[];
    for (const r of rows) yield { chain: r.chain, seq: r.chain_seq, hash: r.hash };
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].chain;
  }
}
