import { createHash } from 'node:crypto';

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

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = SHA-256(previous hash of the chain ‖ canonical JSON of this entry). */
export function auditHash(prevHash: Buffer | null, fields: HashedAuditFields): Buffer {
  return createHash('sha256')
    .update(prevHash ?? Buffer.alloc(0))
    .update(canonicalJson(fields))
    .digest();
}
