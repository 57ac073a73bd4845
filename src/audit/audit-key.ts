import { loadAuditHmacKey } from '../config/environment';
import { AuditKey, auditKeyFrom } from './audit-hash';

/**
 * The key this process links audit entries with. appendAudit(manager, entries) is called from
 * transactions all over the service, so the key is set once (by AuditLog when the app starts) instead
 * of threading it through every caller; a command-line tool that never set it reads it from its
 * validated environment on first use.
 */
let current: AuditKey | null = null;

export function useAuditKey(secret: string): AuditKey {
  current = auditKeyFrom(secret);
  return current;
}

export function processAuditKey(): AuditKey {
  current ??= auditKeyFrom(loadAuditHmacKey());
  return current;
}
