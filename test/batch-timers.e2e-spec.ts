import type { DataSource } from 'typeorm';
import { ReviewDeadlines } from '../src/review/deadlines';
import { PaymentExpiryService } from '../src/timers/payment-expiry.service';
import { TimersReconcileSource } from '../src/timers/timers-reconcile.source';
import { insertPaidApplications } from './support/factories/bulk-applications';
import { failUpdatesOf } from './support/statement-counter';
import { BatchTestApp, batchTestApp } from './support/batch-test-app';
import type { TestApp } from './support/test-app';

/**
 * Deadline timers handle many applications set-based, as issuance and postal events do
 * (batch-forms.e2e-spec.ts): a batch of expiries or breached reviews costs a fixed number of statements
 * however many applications it holds, and one application that fails does not fail the others.
 */
describe('set-based batches: deadline timers', () => {
  const app = batchTestApp();
  const { count, statuses } = app;
  let t: TestApp;
  let db: DataSource;
  let counted: BatchTestApp['counted'];
  let tags = 0;
  beforeAll(() => {
    ({ t, db, counted } = app);
  });

  /** Unpaid applications past their payment deadline, each with a pending payment. */
  async function unpaid(n: number): Promise<string[]> {
    const ids = await insertPaidApplications(db, n, `bt${++tags}`);
    await db.query(
      `UPDATE applications SET status = 'AWAITING_PAYMENT', paid_at = NULL, payment_due_by = now() - interval '1 minute'
       WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await db.query(
      `INSERT INTO payments (application_id, amount, status) SELECT id, 135000, 'PENDING' FROM unnest($1::uuid[]) AS id`,
      [ids],
    );
    return ids;
  }

  it('expires N unpaid applications with the same statements however many (their notices riding with their audit entries)', async () => {
    const expiry = t.app.get(PaymentExpiryService);
    const small = await unpaid(5);
    const large = await unpaid(20);
    const a = await counted(() => expiry.expire(small));
    const b = await counted(() => expiry.expire(large));
    expect(b.value.size).toBe(20);
    expect(b.statements).toBe(a.statements);
    expect(b.statements).toBeLessThanOrEqual(30);
    // The notices are written by the statement that appends the audit entries, not one of their own.
    const writesNotices = b.texts.filter((text) => text.includes('INSERT INTO notifications'));
    expect(writesNotices).toHaveLength(1);
    expect(writesNotices[0]).toContain('INSERT INTO audit_log');
    expect(
      await count(`SELECT 1 FROM notifications WHERE application_id = ANY($1::uuid[])`, [large]),
    ).toBeGreaterThanOrEqual(20);
    expect(Object.values(await statuses(large))).toEqual(large.map(() => 'EXPIRED'));
    expect(
      await count(`SELECT 1 FROM payments WHERE application_id = ANY($1::uuid[]) AND status = 'PENDING'`, [
        large,
      ]),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'EXPIRE'`, [
        large,
      ]),
    ).toBe(20);
    expect((await expiry.expire(large)).size).toBe(0);
  });

  it('marks N overdue reviews breached with the same statements however many', async () => {
    const deadlines = t.app.get(ReviewDeadlines);
    const overdue = async (n: number) => {
      const ids = await insertPaidApplications(db, n, `br${++tags}`);
      await db.query(
        `UPDATE applications SET status = 'PENDING_REVIEW', due_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return ids;
    };
    const small = await overdue(5);
    const large = await overdue(20);
    const a = await counted(() => deadlines.markBreached(small));
    const b = await counted(() => deadlines.markBreached(large));
    expect(b.value.size).toBe(20);
    expect(b.statements).toBe(a.statements);
    expect(
      await count(
        `SELECT 1 FROM staff_alerts WHERE application_id = ANY($1::uuid[]) AND kind = 'DEADLINE_BREACHED'`,
        [large],
      ),
    ).toBe(20);
    expect(
      await count(
        `SELECT 1 FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'DEADLINE_BREACHED'`,
        [large],
      ),
    ).toBe(20);
  });

  it('fires the other due timers when one application fails, and then reports the failure', async () => {
    const ids = await unpaid(6);
    const restore = await failUpdatesOf(db, ids[3]);
    try {
      await expect(t.app.get(TimersReconcileSource).run()).rejects.toThrow(/test fault/);
    } finally {
      await restore();
    }
    const after = await statuses(ids);
    for (const id of ids) expect(after[id]).toBe(id === ids[3] ? 'AWAITING_PAYMENT' : 'EXPIRED');
    expect(await t.app.get(TimersReconcileSource).run()).toBeGreaterThanOrEqual(1);
    expect((await statuses([ids[3]]))[ids[3]]).toBe('EXPIRED');
  });
});
