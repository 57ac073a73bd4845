/**
 * What an action may change on an application besides its state, as typed fields. The write path
 * sends them as one jsonb parameter to a statement whose text never changes: no SQL is built from
 * values, and the one statement can be prepared once.
 */
/** A time to record: a given instant, or the database's transaction time. */
export type Moment = Date | 'now';

export interface ApplicationChanges {
  /** The overall outcome of the automated checks. */
  outcome?: string;
  checkedAt?: Date;
  /** The review deadline; null clears it. */
  dueAt?: Date | null;
  /** When and by whom the case was decided (a staff id or 'system'); null clears them. */
  decidedAt?: Moment | null;
  decidedBy?: string | null;
  decisionNote?: string | null;
  decisionReasonCode?: string | null;
  /** A decided case, or one waiting for the citizen, is no longer held by anyone. */
  releaseClaim?: boolean;
  /** Why the case waits for a person; null clears it. */
  attention?: Record<string, unknown> | null;
  /** Starts a new run of the automated checks (check_run + 1). */
  newCheckRun?: boolean;
  paidAt?: Date;
  issuedAt?: Moment;
  closedAt?: Moment;
  healthCertificateNumber?: string;
  photoUploadId?: string;
}

/** Extra conditions the row must meet for the action to happen (besides its state and version). */
export interface ActionGuard {
  /** Only this run of the checks may record its result. */
  checkRun?: number;
  /** Only the staff member holding the claim may decide. */
  claimedBy?: string;
  /** Only once the payment deadline has passed. */
  paymentDeadlinePassed?: boolean;
}

const moment = (m: Moment | null) => (m === null || m === 'now' ? m : m.toISOString());

/** The jsonb parameter the write path's statement reads: only the keys present are changed. */
export function changesParameter(c: ApplicationChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {
    outcome: c.outcome,
    checked_at: c.checkedAt && moment(c.checkedAt),
    due_at: c.dueAt === undefined ? undefined : moment(c.dueAt),
    decided_at: c.decidedAt === undefined ? undefined : moment(c.decidedAt),
    decided_by: c.decidedBy,
    decision_note: c.decisionNote,
    decision_reason_code: c.decisionReasonCode,
    release_claim: c.releaseClaim || undefined,
    attention: c.attention,
    new_check_run: c.newCheckRun || undefined,
    paid_at: c.paidAt && moment(c.paidAt),
    issued_at: c.issuedAt && moment(c.issuedAt),
    closed_at: c.closedAt && moment(c.closedAt),
    health_certificate_number: c.healthCertificateNumber,
    photo_upload_id: c.photoUploadId,
  };
  // Absent keys leave the column as it is; JSON.stringify drops undefined, so only present keys travel.
  return out;
}
