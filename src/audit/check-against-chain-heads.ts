import type { SqlRunner } from './audit-chain-walk';
import { AuditProblem, lostEndProblem } from './audit-problems';

/**
 * Every chain's head (audit_chain_heads: the seq and link of the last entry the service appended, moved
 * in the same statement as the insert) against the chain's stored end. Without a checkpoint, this is
 * what shows that a chain's newest entries were deleted or its last entry replaced; the walk alone
 * cannot see a chain that simply ends early. Entries beyond the head are left to the walk: they can
 * only come from a writer that bypassed the append, and their links are checked there. A database
 * from before the heads (a backup of an older release) has none to check against.
 */
export async function checkAgainstChainHeads(db: SqlRunner): Promise<AuditProblem[]> {
  const [{ present }] = await db.query<{ present: boolean }[]>(
    `SELECT to_regclass('audit_chain_heads') IS NOT NULL AS present`,
  );
  if (!present) return [];
  const rows = await db.query<
    { chain: string; seq: number; id: string | null; found: Buffer | null; last_seq: number | null }[]
  >(
    `SELECT h.chain, h.seq, a.id, a.hash AS found,
            (SELECT max(m.chain_seq) FROM audit_log m WHERE m.chain = h.chain) AS last_seq
     FROM audit_chain_heads h
     LEFT JOIN audit_log a ON a.chain = h.chain AND a.chain_seq = h.seq
     WHERE a.hash IS DISTINCT FROM h.hash
     ORDER BY h.chain`,
  );
  return rows.map((r): AuditProblem => {
    const at = { chain: r.chain, chainSeq: r.seq };
    if (r.found)
      return {
        ...at,
        kind: 'HEAD_MISMATCH',
        id: String(r.id),
        reason: `its hash is not the one the chain's head records for #${r.seq}: the chain's end was rewritten`,
      };
    return { ...at, id: null, ...lostEndProblem(r.seq, r.last_seq, "the chain's head") };
  });
}
