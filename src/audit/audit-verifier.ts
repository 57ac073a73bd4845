import type { AuditKey } from './audit-hash';
import { SqlRunner, walkAuditChains } from './audit-chain-walk';
import type { AuditProblem } from './audit-problems';
import { checkAgainstChainHeads } from './check-against-chain-heads';
import type { AuditCheckpointStore } from './checkpoints/audit-checkpoint-store';
import { checkAgainstCheckpoint, CheckpointSummary } from './checkpoints/check-against-checkpoint';

export type { SqlRunner } from './audit-chain-walk';

export interface AuditVerification {
  /** True when no problem was found. */
  intact: boolean;
  entriesChecked: number;
  chainsChecked: number;
  /** Entries whose link is the legacy unkeyed SHA-256 (written before the key existed). */
  unkeyedEntries: number;
  /** The checkpoints the log was checked against (none: deleting a chain's newest entries goes unseen). */
  checkpoints: CheckpointSummary[];
  /** Every bad entry and chain, in the order found: checkpoints first, then heads, then chain by chain. */
  problems: AuditProblem[];
}

export interface AuditVerifyOptions {
  key: AuditKey;
  /** Where checkpoints are; without one only the chains themselves are checked. */
  store?: AuditCheckpointStore | null;
  /** Which checkpoints: the newest (default), every one, or these names. */
  checkpoints?: 'latest' | 'all' | string[];
  pageSize?: number;
}

/**
 * Verifies the whole audit log: every chain to its end (audit-chain-walk.ts), every chain's end against
 * its head (check-against-chain-heads.ts) and, when a checkpoint store is given, the log against the
 * chosen checkpoints (check-against-checkpoint.ts). Never stops
 * at the first problem: the answer lists every one.
 */
export async function verifyAuditLog(db: SqlRunner, options: AuditVerifyOptions): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const checkpoints: CheckpointSummary[] = [];
  for (const name of await chosenCheckpoints(options)) {
    const checked = await checkAgainstCheckpoint(db, options.store!, name, options.key);
    checkpoints.push(checked.summary);
    problems.push(...checked.problems);
  }
  problems.push(...(await checkAgainstChainHeads(db)));
  const walk = await walkAuditChains(db, options.key, options.pageSize);
  problems.push(...walk.problems);
  return {
    intact: problems.length === 0,
    entriesChecked: walk.entriesChecked,
    chainsChecked: walk.chainsChecked,
    unkeyedEntries: walk.unkeyedEntries,
    checkpoints,
    problems,
  };
}

async function chosenCheckpoints(options: AuditVerifyOptions): Promise<string[]> {
  if (!options.store) return [];
  const choice = options.checkpoints ?? 'latest';
  if (Array.isArray(choice)) return choice;
  const names = (await options.store.list()).map((c) => c.name);
  return choice === 'all' ? names : names.slice(-1);
}
