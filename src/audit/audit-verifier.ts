import { DataSource } from 'typeorm';
import { auditHash } from './audit-hash';

interface AuditRow {
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
}

export interface AuditVerification {
  entriesChecked: number;
  chainsChecked: number;
  /** The first entry whose hash, link or sequence does not hold, with what is wrong. */
  firstBad: { id: string; chain: string; chainSeq: number; problem: string } | null;
}

/**
 * Walks every chain in order, recomputing each entry's hash from its columns and the previous entry's
 * hash. Reads in keyset pages so a log of millions of entries needs little memory.
 */
export async function verifyAuditLog(db: DataSource, pageSize = 5000): Promise<AuditVerification> {
  let entriesChecked = 0;
  let chainsChecked = 0;
  let cursor: { chain: string; seq: number } = { chain: '', seq: 0 };
  let previous: { chain: string; seq: number; hash: Buffer } | null = null;
  for (;;) {
    const rows = await db.query<AuditRow[]>(
      `SELECT * FROM audit_log WHERE (chain, chain_seq) > ($1, $2) ORDER BY chain, chain_seq LIMIT $3`,
      [cursor.chain, cursor.seq, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const sameChain: boolean = previous !== null && previous.chain === row.chain;
      if (!sameChain) chainsChecked++;
      const expectedSeq: number = sameChain ? previous!.seq + 1 : 1;
      const expectedPrev: Buffer | null = sameChain ? previous!.hash : null;
      const bad = (problem: string): AuditVerification => ({
        entriesChecked,
        chainsChecked,
        firstBad: { id: String(row.id), chain: row.chain, chainSeq: row.chain_seq, problem },
      });
      if (row.chain_seq !== expectedSeq)
        return bad(`expected sequence ${expectedSeq}, found ${row.chain_seq} (an entry is missing)`);
      if (!equalOrBothNull(row.prev_hash, expectedPrev))
        return bad('its link to the previous entry does not match');
      const recomputed = auditHash(row.prev_hash, {
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
      });
      if (!recomputed.equals(row.hash)) return bad('its content does not match its hash (it was altered)');
      entriesChecked++;
      previous = { chain: row.chain, seq: row.chain_seq, hash: row.hash };
    }
    const last = rows[rows.length - 1];
    cursor = { chain: last.chain, seq: last.chain_seq };
  }
  return { entriesChecked, chainsChecked, firstBad: null };
}

function equalOrBothNull(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}
