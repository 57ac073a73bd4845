/** What audit:verify can find wrong, each named with its chain, seq and entry id where it has them. */
export type AuditProblemKind =
  /** The entry's columns do not give its hash: altered, or rehashed by someone without the key. */
  | 'ALTERED'
  /** The entry's prev_hash is not the hash of the entry before it in its chain. */
  | 'BROKEN_LINK'
  /** A seq is absent from the middle (or start) of a chain: an entry was deleted. */
  | 'MISSING'
  /** An entry with an unkeyed (legacy SHA-256) link after a keyed one in its chain. */
  | 'UNKEYED_AFTER_KEYED'
  /** An unkeyed entry newer than every unkeyed entry a checkpoint saw: keyed links were replaced. */
  | 'UNKEYED_AFTER_CHECKPOINT'
  /** A chain now ends before the seq its head or a checkpoint recorded: its newest entries were deleted. */
  | 'TRUNCATED'
  /** A chain its head or a checkpoint recorded has no entries any more. */
  | 'CHAIN_MISSING'
  /** The entry at a checkpoint's seq has another hash than the checkpoint recorded: the chain was rewritten. */
  | 'CHECKPOINT_MISMATCH'
  /** The chain's last entry has another hash than the chain's head (audit_chain_heads) records: the end was rewritten. */
  | 'HEAD_MISMATCH'
  /** The log holds fewer entries than when a checkpoint was taken. */
  | 'FEWER_ENTRIES'
  /** A checkpoint whose signature or shape does not hold: it cannot vouch for anything. */
  | 'CHECKPOINT_INVALID';

export interface AuditProblem {
  kind: AuditProblemKind;
  chain: string | null;
  chainSeq: number | null;
  /** The entry's id, when there is an entry to name (not for deleted ones). */
  id: string | null;
  reason: string;
  /** The checkpoint that revealed it, for problems found against a checkpoint. */
  checkpoint?: string;
}

/** One line per problem, as audit:verify prints them. */
export function describeProblem(p: AuditProblem): string {
  const where = [
    p.chain !== null ? `chain ${p.chain}` : null,
    p.chainSeq !== null ? `#${p.chainSeq}` : null,
    p.id !== null ? `id ${p.id}` : null,
    p.checkpoint ? `checkpoint ${p.checkpoint}` : null,
  ].filter(Boolean);
  return `${p.kind}${where.length ? ` (${where.join(', ')})` : ''}: ${p.reason}`;
}

/**
 * What became of a chain whose recorded end (a checkpoint's, or the chain's head) has no entry any
 * more, given where the chain now ends (null: nowhere).
 */
export function lostEndProblem(
  seq: number,
  lastSeq: number | null,
  recorder: string,
): Pick<AuditProblem, 'kind' | 'reason'> {
  if (lastSeq === null)
    return { kind: 'CHAIN_MISSING', reason: `the chain is gone; ${recorder} recorded it up to #${seq}` };
  if (lastSeq < seq)
    return {
      kind: 'TRUNCATED',
      reason: `the chain ends at #${lastSeq}, but ${recorder} recorded it up to #${seq}: its newest entries were deleted`,
    };
  return { kind: 'MISSING', reason: `entry #${seq}, which ${recorder} recorded, is missing (deleted)` };
}
