import type { AuditKey } from '../audit-hash';
import type { SqlRunner } from '../audit-chain-walk';
import { AuditProblem, lostEndProblem } from '../audit-problems';
import { checkCheckpoint, CheckpointHead, checkpointHeads } from './audit-checkpoint-format';
import type { AuditCheckpointStore } from './audit-checkpoint-store';

export interface CheckpointSummary {
  name: string;
  location: string;
  createdAt: string | null;
  chains: number;
  entries: number;
  valid: boolean;
}

/**
 * Checks the log against one checkpoint: its signature first (an unsigned or altered checkpoint
 * vouches for nothing), then, a batch of chains at a time, that every chain it lists still has an
 * entry at the recorded seq with the recorded hash, that the log has at least as many entries, and
 * that no unkeyed entry is newer than the newest one it saw. With the chain walk (which proves each
 * entry up to the head from its columns) this shows that the chain still reaches at least that far.
 */
export async function checkAgainstCheckpoint(
  db: SqlRunner,
  store: AuditCheckpointStore,
  name: string,
  key: AuditKey,
  batchSize = 2000,
): Promise<{ summary: CheckpointSummary; problems: AuditProblem[] }> {
  const checked = await checkCheckpoint(store, name, key);
  const location = store.locate(name);
  if (!checked.valid) {
    const problem = { kind: 'CHECKPOINT_INVALID' as const, chain: null, chainSeq: null, id: null };
    return {
      summary: { name, location, createdAt: null, chains: 0, entries: 0, valid: false },
      problems: [{ ...problem, reason: `checkpoint ${location}: ${checked.reason}`, checkpoint: name }],
    };
  }
  const { header } = checked;
  const problems: AuditProblem[] = [];
  let batch: CheckpointHead[] = [];
  for await (const head of checkpointHeads(store, name)) {
    batch.push(head);
    if (batch.length >= batchSize) {
      problems.push(...(await headProblems(db, batch, name)));
      batch = [];
    }
  }
  if (batch.length) problems.push(...(await headProblems(db, batch, name)));

  const [{ entries }] = await db.query<{ entries: string }[]>(`SELECT count(*) AS entries FROM audit_log`);
  if (Number(entries) < header.entries)
    problems.push({
      kind: 'FEWER_ENTRIES',
      chain: null,
      chainSeq: null,
      id: null,
      reason: `the log holds ${entries} entries, fewer than the ${header.entries} it held at ${header.createdAt}`,
      checkpoint: name,
    });
  const unkeyed = await db.query<{ id: string; chain: string; chain_seq: number }[]>(
    `SELECT id, chain, chain_seq FROM audit_log WHERE hash_alg = 'sha256' AND ($1::bigint IS NULL OR id > $1::bigint)
     ORDER BY id`,
    [header.unkeyedMaxId],
  );
  for (const u of unkeyed)
    problems.push({
      kind: 'UNKEYED_AFTER_CHECKPOINT',
      chain: u.chain,
      chainSeq: u.chain_seq,
      id: String(u.id),
      reason: `an unkeyed (legacy SHA-256) entry written after the service keyed every link (the checkpoint saw none after id ${header.unkeyedMaxId ?? '0'})`,
      checkpoint: name,
    });
  return {
    summary: {
      name,
      location,
      createdAt: header.createdAt,
      chains: checked.chains,
      entries: header.entries,
      valid: true,
    },
    problems,
  };
}

/** The heads of a batch whose entry is gone or differs, with how far each chain now reaches. */
async function headProblems(
  db: SqlRunner,
  heads: CheckpointHead[],
  checkpoint: string,
): Promise<AuditProblem[]> {
  const rows = await db.query<
    { chain: string; seq: number; id: string | null; found: Buffer | null; last_seq: number | null }[]
  >(
    `SELECT c.chain, c.seq, a.id, a.hash AS found,
            (SELECT max(m.chain_seq) FROM audit_log m WHERE m.chain = c.chain) AS last_seq
     FROM unnest($1::text[], $2::int[], $3::bytea[]) AS c(chain, seq, hash)
     LEFT JOIN audit_log a ON a.chain = c.chain AND a.chain_seq = c.seq
     WHERE a.hash IS DISTINCT FROM c.hash
     ORDER BY c.chain`,
    [heads.map((h) => h.chain), heads.map((h) => h.seq), heads.map((h) => h.hash)],
  );
  return rows.map((r): AuditProblem => {
    const at = { chain: r.chain, chainSeq: r.seq, checkpoint };
    if (r.found) {
      return {
        ...at,
        kind: 'CHECKPOINT_MISMATCH',
        id: String(r.id),
        reason: `its hash is not the one the checkpoint recorded for #${r.seq}: the chain was rewritten`,
      };
    }
    return { ...at, id: null, ...lostEndProblem(r.seq, r.last_seq, 'the checkpoint') };
  });
}
