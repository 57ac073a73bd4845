import { Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Environment } from '../config/environment';
import { riderAlone, StatementRider } from '../database/statement-rider';
import { normaliseAuditData, wellFormed } from './audit-data';
import { AuditEntry } from './audit-entry';
import {
  appendToChains,
  AuditLogRow,
  ChainHead,
  ChainHeadGuesses,
  ChainMove,
  EMPTY_CHAIN,
} from './audit-chain-heads';
import { AuditKey, auditHmac, CURRENT_AUDIT_HASH_ALG, HashedAuditFields } from './audit-hash';
import { processAuditKey, useAuditKey } from './audit-key';

/** Text as Postgres will store it (see wellFormed), so the head row, the entry and the hash agree. */
const chainOf = (e: AuditEntry) => wellFormed(e.chain ?? `${e.subjectType}:${e.subjectId}`);

/** What this process last wrote to each chain: its guess at the head for the next append. */
const guesses = new ChainHeadGuesses();

/**
 * Appends entries to the audit log inside the caller's transaction, so an entry exists exactly when the
 * change it describes was committed. Each link is keyed (HMAC-SHA256 with the process's audit key, which
 * never goes to the database) and covers exactly the values stored: the data is normalised once (see
 * audit-data.ts) and that same value is hashed and written as jsonb.
 *
 * The links are computed from a guess at each chain's head (the head the caller read under the
 * subject's lock, as the one write path does; else what this process last wrote to the chain; an
 * empty chain for a new subject or a chain this process has not written), and one statement locks the
 * chains, checks the guesses and writes (audit-chain-heads.ts). When a guess was wrong that statement
 * returns the real heads and keeps the chains locked, and a second statement writes the entries linked
 * to them. So an entry costs one statement when the guess was right or the chain is new, and two
 * otherwise, against three before (advisory lock, head, insert). Writes of the same transaction that
 * need nothing from the entries (a step's notices and jobs) can ride with the first statement
 * (`rider`, statement-rider.ts), and cost no statement of their own.
 *
 * Why not compute the link in Postgres (pgcrypto), which would make every append one statement: the
 * key would then travel with every statement to a server whose owner can log statement parameters,
 * and an owner holding the key can recompute a chain after editing it, which is what the key is for.
 */
export async function appendAudit(
  manager: EntityManager,
  entries: AuditEntry[],
  rider: StatementRider | null = null,
): Promise<void> {
  if (entries.length === 0) {
    if (rider) await manager.query(...riderAlone(rider));
    return;
  }
  if (!manager.queryRunner?.isTransactionActive) {
    await manager.transaction((tx) => appendAudit(tx, entries, rider));
    return;
  }
  const key = processAuditKey();
  const occurredAt = new Date().toISOString();
  const guessed = new Map<string, ChainHead>();
  for (const entry of entries) {
    const chain = chainOf(entry);
    if (!guessed.has(chain)) guessed.set(chain, firstGuess(chain, entry));
  }
  let batch = linkEntries(key, entries, guessed, occurredAt);
  const real = await appendToChains(
    manager,
    batch.moves,
    batch.rows,
    occurredAt,
    CURRENT_AUDIT_HASH_ALG,
    false,
    rider,
  );
  if (real) {
    batch = linkEntries(key, entries, real, occurredAt);
    await appendToChains(manager, batch.moves, batch.rows, occurredAt, CURRENT_AUDIT_HASH_ALG, true);
  }
  for (const move of batch.moves) guesses.set(move.chain, move.to);
}

/** The head to link a chain's first entry of the batch to: the best hint the entry or this process has. */
function firstGuess(chain: string, entry: AuditEntry): ChainHead {
  // A subject created in this transaction has an empty chain: its id is new and unknown to others.
  if (entry.newSubject) return EMPTY_CHAIN;
  return entry.knownHead ?? guesses.get(chain);
}

/** The batch's rows, each linked to the one before it in its chain, starting from the given heads. */
function linkEntries(
  key: AuditKey,
  entries: AuditEntry[],
  heads: Map<string, ChainHead>,
  occurredAt: string,
): { moves: ChainMove[]; rows: AuditLogRow[] } {
  const tip = new Map(heads);
  const rows = entries.map((entry): AuditLogRow => {
    const chain = chainOf(entry);
    const previous = tip.get(chain)!;
    const fields: HashedAuditFields = {
      chain,
      chainSeq: previous.seq + 1,
      occurredAt,
      actorKind: entry.actor.kind,
      actorId: text(entry.actor.id),
      actorRole: text(entry.actor.role),
      actorIp: text(entry.actor.ip),
      action: wellFormed(entry.action),
      subjectType: wellFormed(entry.subjectType),
      subjectId: wellFormed(entry.subjectId),
      applicationId: entry.applicationId?.toLowerCase() ?? null, // as the uuid column returns it
      fromState: text(entry.fromState),
      toState: text(entry.toState),
      reason: text(entry.reason),
      data: normaliseAuditData(entry.data),
    };
    const hash = auditHmac(key, previous.hash, fields);
    tip.set(chain, { seq: fields.chainSeq, hash });
    return { ...fields, data: JSON.stringify(fields.data), prevHash: previous.hash, hash };
  });
  const moves = [...heads].map(([chain, from]) => ({ chain, from, to: tip.get(chain) as ChainMove['to'] }));
  return { moves, rows };
}

const text = (value: string | null | undefined) => (value == null ? null : wellFormed(value));

/** The injectable face of appendAudit, for services; setting the process's audit key from the environment. */
@Injectable()
export class AuditLog {
  /** Without an environment (command-line tools build it by hand) the key comes from loadEnvironment(). */
  constructor(@Optional() env?: Environment) {
    if (env) useAuditKey(env.AUDIT_HMAC_KEY);
  }

  record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    return appendAudit(manager, entries);
  }
}
