import { Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Environment } from '../config/environment';
import { normaliseAuditData, wellFormed } from './audit-data';
import { AuditEntry } from './audit-entry';
import { auditHmac, CURRENT_AUDIT_HASH_ALG, HashedAuditFields } from './audit-hash';
import { processAuditKey, useAuditKey } from './audit-key';

/** Text as Postgres will store it (see wellFormed), so the lock, the head and the hash agree. */
const chainOf = (e: AuditEntry) => wellFormed(e.chain ?? `${e.subjectType}:${e.subjectId}`);

/**
 * Appends entries to the audit log inside the caller's transaction, so an entry exists exactly when the
 * change it describes was committed. Each chain is locked (transaction-scoped advisory lock) while its
 * next link is computed; chains are locked in sorted order so two batches never deadlock.
 * Each link is keyed (HMAC-SHA256 with the process's audit key) and covers exactly the values stored:
 * the data is normalised once (see audit-data.ts) and that same value is hashed and written as jsonb.
 */
export async function appendAudit(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    await manager.transaction((tx) => appendAudit(tx, entries));
    return;
  }
  const key = processAuditKey();
  // Chains of subjects created in this transaction are empty and unknown to anyone else: no lock, no head.
  const chains = [...new Set(entries.filter((e) => !e.newSubject).map(chainOf))].sort();
  const heads = chains.length ? await lockedHeads(manager, chains) : [];
  const head = new Map(heads.map((h) => [h.chain, { seq: h.chain_seq, hash: h.hash }]));

  const occurredAt = new Date().toISOString();
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const entry of entries) {
    const chain = chainOf(entry);
    const previous = head.get(chain) ?? { seq: 0, hash: null };
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
    head.set(chain, { seq: fields.chainSeq, hash });
    const base = values.length;
    const p = (i: number, cast = '') => `$${base + i}${cast}`;
    rows.push(
      `(${p(1)}, ${p(2, '::int')}, ${p(3, '::timestamptz')}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ` +
        `${p(10)}, ${p(11, '::uuid')}, ${p(12)}, ${p(13)}, ${p(14)}, ${p(15, '::jsonb')}, ${p(16, '::bytea')}, ${p(17, '::bytea')}, ${p(18)})`,
    );
    values.push(
      fields.chain,
      fields.chainSeq,
      fields.occurredAt,
      fields.actorKind,
      fields.actorId,
      fields.actorRole,
      fields.actorIp,
      fields.action,
      fields.subjectType,
      fields.subjectId,
      fields.applicationId,
      fields.fromState,
      fields.toState,
      fields.reason,
      JSON.stringify(fields.data),
      previous.hash,
      hash,
      CURRENT_AUDIT_HASH_ALG,
    );
  }
  await manager.query(
    `INSERT INTO audit_log (chain, chain_seq, occurred_at, actor_kind, actor_id, actor_role, actor_ip, action,
       subject_type, subject_id, application_id, from_state, to_state, reason, data, prev_hash, hash, hash_alg)
     VALUES ${rows.join(', ')}`,
    values,
  );
}

const text = (value: string | null | undefined) => (value == null ? null : wellFormed(value));

/** Locks the chains (in sorted order, so two batches never deadlock), then reads each one's last entry. */
async function lockedHeads(
  manager: EntityManager,
  chains: string[],
): Promise<{ chain: string; chain_seq: number; hash: Buffer }[]> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended(c, 0)) FROM unnest($1::text[]) AS c ORDER BY c`,
    [chains],
  );
  return manager.query<{ chain: string; chain_seq: number; hash: Buffer }[]>(
    `SELECT DISTINCT ON (chain) chain, chain_seq, hash FROM audit_log WHERE chain = ANY($1) ORDER BY chain, chain_seq DESC`,
    [chains],
  );
}

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
