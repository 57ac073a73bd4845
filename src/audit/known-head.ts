import type { ChainHead } from './audit-chain-heads';

/** The two columns chainHeadColumns adds to a row. */
export interface ChainHeadColumns {
  head_seq: number | null;
  head_hash: Buffer | null;
}

/**
 * Columns `head_seq` and `head_hash` for a SELECT or RETURNING list: the head of the audit chain named
 * by the SQL text expression `chain` (e.g. `'application:' || a.id::text`), read by the statement that
 * locks the subject. Passed on as an entry's knownHead, it spares the append its second statement when
 * another process wrote the chain's last entry (audit-log.ts). Two primary-key lookups.
 */
export const chainHeadColumns = (chain: string): string =>
  `(SELECT h.seq FROM audit_chain_heads h WHERE h.chain = ${chain}) AS head_seq,
   (SELECT h.hash FROM audit_chain_heads h WHERE h.chain = ${chain}) AS head_hash`;

/** The head the columns name (null: the chain has no head row yet). */
export const knownHead = (row: ChainHeadColumns): ChainHead | null =>
  row.head_seq == null ? null : { seq: row.head_seq, hash: row.head_hash };
