import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry';
import { auditHash, HashedAuditFields } from './audit-hash';

const chainOf = (e: AuditEntry) => e.chain ?? `${e.subjectType}:${e.subjectId}`;

/**
 * Appends entries to the audit log inside the caller's transaction, so an entry exists exactly when the
 * change it describes was committed. Each chain is locked (transaction-scoped advisory lock) while its
 * next link is computed; chains are locked in sorted order so two batches never deadlock.
 */
export async function appendAudit(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    await manager.transaction((tx) => appendAudit(tx, entries));
    return;
  }
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
      actorId: entry.actor.id ?? null,
      actorRole: entry.actor.role ?? null,
      actorIp: entry.actor.ip ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      applicationId: entry.applicationId ?? null,
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      reason: entry.reason ?? null,
      data: entry.data ?? {},
    };
    const hash = auditHash(previous.hash, fields);
    head.set(chain, { seq: fields.chainSeq, hash });
    const base = values.length;
    const p = (i: number, cast = '') => `$${base + i}${cast}`;
    rows.push(
      `(${p(1)}, ${p(2, '::int')}, ${p(3, '::timestamptz')}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ` +
        `${p(10)}, ${p(11, '::uuid')}, ${p(12)}, ${p(13)}, ${p(14)}, ${p(15, '::jsonb')}, ${p(16, '::bytea')}, ${p(17, '::bytea')})`,
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
    );
  }
  await manager.query(
    `INSERT INTO audit_log (chain, chain_seq, occurred_at, actor_kind, actor_id, actor_role, actor_ip, action,
       subject_type, subject_id, application_id, from_state, to_state, reason, data, prev_hash, hash)
     VALUES ${rows.join(', ')}`,
    values,
  );
}

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

/** The injectable face of appendAudit, for services. */
@Injectable()
export class AuditLog {
  record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    return appendAudit(manager, entries);
  }
}
