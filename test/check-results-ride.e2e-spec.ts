import { DataSource } from 'typeorm';
import { CheckResultsService } from '../src/eligibility/check-results.service';
import type { RuleResult } from '../src/eligibility/eligibility-input';
import { EligibilityLoader } from '../src/eligibility/eligibility-loader';
import { PaymentCallbackService } from '../src/payments/payment-callback.service';
import { ApplicationActions } from '../src/workflow/application-actions';
import { awaitingPayment } from './support/case-fixtures';
import { statementCounter } from './support/statement-counter';
import { startTestAppWithDb, stopTestAppWithDb, TestApp } from './support/test-app';

/** A check run's results are stored by the statement of the step that records the run, once. */
describe('check results ride with their step', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    // The api alone: the paid case stays CHECKING until this test records its run.
    ({ t, db } = await startTestAppWithDb({}, 2));
  });
  afterAll(() => stopTestAppWithDb(t, db));

  const results: RuleResult[] = [
    { rule: 'IDENTITY_MATCH', outcome: 'PASS', detail: 'The applicant is the licence holder.', evidence: {} },
    { rule: 'LICENCE_FOUND', outcome: 'PASS', detail: 'The licence is in the register.', evidence: {} },
  ];

  it('stores the run in the statement of its audit entry, and a second recording of the run stores nothing', async () => {
    const p = await awaitingPayment(t.url, db);
    const actor = {
      kind: 'provider' as const,
      id: 'payment-provider',
      role: 'provider' as const,
      ip: '127.0.0.1',
    };
    await t.app.get(PaymentCallbackService).settle(
      {
        paymentId: p.paymentId,
        providerTransactionId: `T-${p.paymentId}`,
        amount: p.amount,
        status: 'PAID',
        paidAt: new Date().toISOString(),
      },
      actor,
    );
    const subject = (await t.app.get(EligibilityLoader).load([p.id])).get(p.id)!;
    expect(subject).toMatchObject({ status: 'CHECKING', checkRun: 1 });
    const service = new CheckResultsService(t.app.get(DataSource), t.app.get(ApplicationActions));
    const counted = statementCounter(t.app.get(DataSource));

    const first = await counted(() => service.record(subject, results, 'ELIGIBLE', new Date()));
    expect(first.value).toBe(true);
    // BEGIN, the move, the audit entry carrying the results, notices and jobs, COMMIT.
    expect(first.statements).toBe(4);
    expect(first.texts.filter((q) => /INSERT INTO application_checks/.test(q))).toHaveLength(1);
    expect(first.texts.find((q) => /INSERT INTO application_checks/.test(q))).toMatch(
      /INSERT INTO audit_log/,
    );

    const again = await counted(() => service.record(subject, results, 'ELIGIBLE', new Date()));
    expect(again.value).toBe(false);
    expect(again.texts.some((q) => /application_checks/.test(q))).toBe(false);
    const stored = await db.query<{ rule: string; outcome: string }[]>(
      `SELECT rule, outcome FROM application_checks WHERE application_id = $1 AND check_run = 1 ORDER BY rule`,
      [p.id],
    );
    expect(stored).toEqual([
      { rule: 'IDENTITY_MATCH', outcome: 'PASS' },
      { rule: 'LICENCE_FOUND', outcome: 'PASS' },
    ]);
    const [app] = await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [
      p.id,
    ]);
    expect(app.status).toBe('PENDING_REVIEW');
  });
});
