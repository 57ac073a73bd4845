import { createHash, createHmac } from 'node:crypto';

/** The fields of an entry that its hash covers, in the form both the writer and the verifier build. */
export interface HashedAuditFields {
  chain: string;
  chainSeq: number;
  occurredAt: string;
  actorKind: string;
  actorId: string | null;
  actorRole: string | null;
  actorIp: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  applicationId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
}

/**
 * How an entry's link was computed (the audit_log.hash_alg column). Entries written before the key
 * existed keep their plain SHA-256 link ('sha256'); every entry written since is keyed
 * ('hmac-sha256'), so someone with the database owner's rights but not the key cannot recompute a
 * chain after editing it. See migrations/1764231100000-AuditKeyedHashes.ts for why old entries were
 * not re-keyed.
 */
export const AUDIT_HASH_ALGS = ['sha256', 'hmac-sha256'] as const;
export type AuditHashAlg = (typeof AUDIT_HASH_ALGS)[number];
export const CURRENT_AUDIT_HASH_ALG: AuditHashAlg = 'hmac-sha256';

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The legacy, unkeyed link: SHA-256(previous hash of the chain ‖ canonical JSON of this entry). */
export function auditHash(prevHash: Buffer | null, fields: HashedAuditFields): Buffer {
  return createHash('sha256')
    .update(prevHash ?? Buffer.alloc(0))
    .update(canonicalJson(fields))
    .digest();
}

/** The keyed link: HMAC-SHA256(entry key, previous hash of the chain ‖ canonical JSON of this entry). */
export function auditHmac(key: AuditKey, prevHash: Buffer | null, fields: HashedAuditFields): Buffer {
  return createHmac('sha256', key.entryKey)
    .update(prevHash ?? Buffer.alloc(0))
    .update(canonicalJson(fields))
    .digest();
}

/** The link an entry's algorithm gives. */
export function auditLink(
  alg: AuditHashAlg,
  key: AuditKey,
  prevHash: Buffer | null,
  fields: HashedAuditFields,
): Buffer {
  return alg === 'hmac-sha256' ? auditHmac(key, prevHash, fields) : auditHash(prevHash, fields);
}

/**
 * The two keys derived from the AUDIT_HMAC_KEY setting: one for entry links, one for signing
 * checkpoints, so a value computed for one purpose can never be passed off as the other.
 */
export interface AuditKey {
  readonly entryKey: Buffer;
  readonly checkpointKey: Buffer;
}

export function auditKeyFrom(secret: string): AuditKey {
  const derive = (purpose: string) => createHmac('sha256', secret).update(purpose).digest();
  return { entryKey: derive('audit-log entry link v1'), checkpointKey: derive('audit-log checkpoint v1') };
}
