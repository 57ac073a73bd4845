import type { ChainHead } from './audit-chain-heads';

export type ActorKind = 'citizen' | 'staff' | 'system' | 'partner' | 'provider';

/** Who did it, and from where. */
export interface AuditActor {
  kind: ActorKind;
  id?: string | null;
  role?: string | null;
  ip?: string | null;
}

export const SYSTEM_ACTOR = { kind: 'system', id: 'system', role: 'system' } as const satisfies AuditActor;

/** One thing that happened: who, when (set on write), what, on what, before/after state, and why. */
export interface AuditEntry {
  actor: AuditActor;
  action: string;
  subjectType: string;
  subjectId: string;
  applicationId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  /** Stored and hashed as JSON after normaliseAuditData (Dates become ISO strings; see audit-data.ts). */
  data?: Record<string, unknown>;
  /** Which hash chain the entry joins; by default one chain per subject. */
  chain?: string;
  /**
   * The subject was created in this very transaction (e.g. a new application's random id), so its
   * chain is empty: the append assumes so instead of asking what this process last wrote to it. Only
   * a hint: the append checks every assumed head under the chain's lock, and a wrong one costs a
   * second statement, never a wrong entry (src/audit/audit-chain-heads.ts).
   */
  newSubject?: boolean;
  /**
   * The chain's head as the caller read it in this transaction, under the subject's own lock (the
   * one write path returns it with the moved row). Like newSubject only a hint, checked under the
   * chain's lock; it spares the second statement when another process wrote the chain's last entry.
   */
  knownHead?: ChainHead | null;
}
