import type { DataSource } from 'typeorm';

const BATCH = 5000;

/** Unpaid applications whose payment deadline has passed (oldest deadline first). */
export async function unpaidPastDeadline(db: DataSource): Promise<string[]> {
  const rows = await db.query<{ id: string }[]>(
    `SELECT id FROM applications WHERE status = 'AWAITING_PAYMENT' AND payment_due_by <= now()
     ORDER BY payment_due_by LIMIT $1`,
    [BATCH],
  );
  return rows.map((r) => r.id);
}

/** Cases in review past their deadline and not yet marked as breached (oldest deadline first). */
export async function undecidedPastDeadline(db: DataSource): Promise<string[]> {
  const rows = await db.query<{ id: string }[]>(
    `SELECT id FROM applications WHERE status = 'PENDING_REVIEW' AND breached_at IS NULL AND due_at <= now()
     ORDER BY due_at LIMIT $1`,
    [BATCH],
  );
  return rows.map((r) => r.id);
}
