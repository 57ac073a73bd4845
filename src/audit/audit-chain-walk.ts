import { AUDIT_HASH_ALGS, AuditHashAlg, AuditKey, auditLink, HashedAuditFields } from './audit-hash';
import type { AuditProblem } from './audit-problems';

/** What the verifier needs of a database: DataSource.query, or a pg Client wrapped to return rows. */
export interface SqlRunner {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

export interface AuditRow {
  id: string;
  chain: string;
  chain_seq: number;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_ip: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  application_id: string | null;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  data: unknown;
  prev_hash: Buffer | null;
  hash: Buffer;
  hash_alg: string;
}

interface ChainPosition {
  chain: string;
  seq: number;
  hash: Buffer;
  /** A keyed entry came before: an unkeyed one may not follow. */
  keyed: boolean;
}

export interface ChainWalk {
  entriesChecked: number;
  chainsChecked: number;
  unkeyedEntries: number;
  problems: AuditProblem[];
}

/**
 * Walks every chain to its end in (chain, seq) order, in keyset pages so a log of millions of entries
 * needs little memory, and names every entry that does not hold: its seq, its link to the entry
 * before it, its algorithm, and its hash recomputed from its columns. A bad entry does not stop the
 * walk: the next entry is checked against what is stored, so each problem is reported where it is.
 */
export async function walkAuditChains(db: SqlRunner, key: AuditKey, pageSize = 5000): Promise<ChainWalk> {
  const walk: ChainWalk = { entriesChecked: 0, chainsChecked: 0, unkeyedEntries: 0, problems: [] };
  let cursor = { chain: '', seq: 0 };
  let previous = null as ChainPosition | null;
  for (;;) {
    const rows = await db.query<AuditRow[]>(
      `SELECT * FROM audit_log WHERE (chain, chain_seq) > ($1, $2) ORDER BY chain, chain_seq LIMIT $3`,
      [cursor.chain, cursor.seq, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const before: ChainPosition | null =
        previous !== null && previous.chain === row.chain ? previous : null;
      if (!before) walk.chainsChecked++;
      const bad = (kind: AuditProblem['kind'], reason: string, chainSeq = row.chain_seq) =>
        walk.problems.push({ kind, chain: row.chain, chainSeq, id: String(row.id), reason });
      const expectedSeq: number = (before?.seq ?? 0) + 1;
      if (row.chain_seq !== expectedSeq) {
        const gap =
          row.chain_seq - 1 === expectedSeq ? `#${expectedSeq}` : `#${expectedSeq}–#${row.chain_seq - 1}`;
        bad('MISSING', `entry ${gap} before this one is missing (deleted)`, expectedSeq);
      } else if (!equalOrBothNull(row.prev_hash, before?.hash ?? null)) {
        bad('BROKEN_LINK', 'its link to the previous entry of the chain does not match that entry');
      }
      const alg = AUDIT_HASH_ALGS.find((a) => a === row.hash_alg);
      if (alg === 'sha256') walk.unkeyedEntries++;
      if (alg === 'sha256' && before?.keyed)
        bad(
          'UNKEYED_AFTER_KEYED',
          'an unkeyed (legacy SHA-256) entry after a keyed one: its link was recomputed',
        );
      if (!alg) bad('ALTERED', `unknown hash algorithm ${JSON.stringify(row.hash_alg)}`);
      else if (!auditLink(alg, key, row.prev_hash, hashedFields(row)).equals(row.hash))
        bad('ALTERED', describeMismatch(alg));
      walk.entriesChecked++;
      const keyed: boolean = (before?.keyed ?? false) || alg === 'hmac-sha256';
      previous = { chain: row.chain, seq: row.chain_seq, hash: row.hash, keyed };
    }
    const last = rows[rows.length - 1];
    cursor = { chain: last.chain, seq: last.chain_seq };
  }
  return walk;
}

function describeMismatch(alg: AuditHashAlg): string {
  return alg === 'hmac-sha256'
    ? 'its content does not match its keyed hash (altered, or rehashed without the audit key)'
    : 'its content does not match its hash (altered)';
}

/** The hashed fields of an entry as read from audit_log. */
export function hashedFields(row: AuditRow): HashedAuditFields {
  return {
    chain: row.chain,
    chainSeq: row.chain_seq,
    occurredAt: row.occurred_at.toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorIp: row.actor_ip,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    applicationId: row.application_id,
    fromState: row.from_state,
    toState: row.to_state,
    reason: row.reason,
    data: row.data,
  };
}

function equalOrBothNull(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}
