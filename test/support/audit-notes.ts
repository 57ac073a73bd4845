import type { AuditEntry } from '../../src/audit/audit-entry';

/** The officer the audit tests write as. */
export const staff = { kind: 'staff' as const, id: 'officer-1', role: 'officer', ip: '10.0.0.1' };

/** An officer's note on an application: an audit entry with nothing but its subject and data. */
export const note = (subjectId: string, data: Record<string, unknown> = {}): AuditEntry => ({
  actor: staff,
  action: 'NOTE',
  subjectType: 'application',
  subjectId,
  data,
});
