import { OutboxJob, outboxArrays, outboxInsertFrom } from '../../src/outbox/outbox';
import { createHash, randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { appendStatement, EMPTY_CHAIN } from '../../src/audit/audit-chain-heads';
import {
  auditHmac,
  auditKeyFrom,
  canonicalJson,
  CURRENT_AUDIT_HASH_ALG,
  HashedAuditFields,
} from '../../src/audit/audit-hash';
import { responseStored, TAKE_KEY_SQL } from '../../src/applications/idempotency';
import { ridersTogether } from '../../src/database/statement-rider';
import { storedChecksRider } from '../../src/eligibility/check-results-store';
import { paymentRequested } from '../../src/payments/payments.repository';
import { START_APPLICATION_SQL } from '../../src/workflow/start-application';
import { CITIZEN_LOOKUP_SQL } from '../../src/auth/access/account-lookup';
import { feeFor } from '../../src/config/policy/fees';
import { SUBJECT_RECORDS_SQL, subjectRecordsParams } from '../../src/eligibility/subject-records.query';
import { renderNotification } from '../../src/notifications/notification-templates';
import type { WorkItem } from '../database/stage-database';
import { SampleList, summarizeLatencies, LatencySummary } from '../support/percentiles';

export interface FloorResult {
  concurrency: number;
  seconds: number;
  submissions: number;
  perSecond: number;
  /** Round trips to Postgres per submission (statements, BEGIN and COMMIT included). */
  statementsPerSubmission: number;
  latency: LatencySummary;
  errors: number;
  firstError: string | null;
  poolExhausted: boolean;
}

/** The floor's stage database is dropped after it: any key does, the cost of the keyed link is what counts. */
const FLOOR_AUDIT_KEY = auditKeyFrom('bench-floor-audit-key-used-only-on-a-dropped-database');

/** Ten checks passed, the size of what the submission stores for a clean application. */
const PASSED_CHECKS = JSON.stringify(
  Array.from({ length: 10 }, (_, i) => ({
    rule: `RULE_${i}`,
    outcome: 'PASS',
    detail: 'The register answers that this rule is met for this licence.',
    action: null,
    evidence: { licenceNumber: '000000000000', checkedOn: '2026-12-07' },
    texts: { detail: { key: `check.rule${i}.pass` }, action: [] },
  })),
);

/** The submission's notices (both channels) and its jobs, as CTEs from parameter `$first` on. */
function floorNoticesCtes(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `notices AS (
    INSERT INTO notifications (citizen_id, application_id, channel, template, dedupe_key, recipient, body, status)
    SELECT ${p(0)}::uuid, ${p(1)}::uuid, ch.channel, ${p(2)}::text, ${p(3)}::text || ':' || ch.channel, ch.recipient,
      ${p(4)}::text, 'QUEUED'
    FROM citizens c
    CROSS JOIN LATERAL (VALUES ('SMS', c.phone), ('EMAIL', c.email)) AS ch(channel, recipient)
    WHERE c.id = ${p(0)}::uuid AND ch.recipient IS NOT NULL
    ON CONFLICT (dedupe_key) DO NOTHING
  ), jobs AS (
    ${outboxInsertFrom(first + 5)}
  )`;
}

/**
 * One submission's database work, statement for statement as the service issues it (src/applications
 * submit path): the account read, the records' checks (the applicant and every record in one
 * statement), then in one transaction the idempotency key, the application with the photo's claim
 * (one statement), the audit entry that starts the application's chain carrying the notices, the
 * payment-deadline job, the checks, the payment request and the stored response (one statement).
 * No HTTP, no framework, no queue: what the hardware does for a submission when nothing else is in
 * the way.
 */
async function submitOnce(client: PoolClient, item: WorkItem): Promise<number> {
  let statements = 0;
  const q = async <T>(sql: string, params: unknown[] = []) => {
    statements++;
    return (await client.query(sql, params)).rows as T[];
  };
  const body = item.body;
  await q(CITIZEN_LOOKUP_SQL, [item.citizenId, new Date(), item.citizenId]);
  // The records' checks before the fee: the applicant and every record in one statement.
  await q(
    SUBJECT_RECORDS_SQL,
    subjectRecordsParams([
      {
        key: 'new',
        applicationId: null,
        citizenId: item.citizenId,
        licenceNumber: body.licenceNumber,
        healthCertificateNumber: body.healthCertificateNumber ?? null,
      },
    ]),
  );
  const now = new Date();
  const quote = feeFor(now.toISOString().slice(0, 10), body.delivery.method);
  const dueBy = new Date(now.getTime() + 1440 * 60_000);
  const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  await q('BEGIN');
  try {
    await q(TAKE_KEY_SQL, [item.citizenId, item.idempotencyKey, requestHash, '5s']);
    // The application and the photo's claim in one statement, the service's own text.
    const [app] = await q<{
      id: string;
      reference: string;
      type: string;
      licence_number: string;
      status: string;
      photo_claimed: boolean;
    }>(START_APPLICATION_SQL, [
      body.delivery.provinceCode,
      item.citizenId,
      item.nationalId,
      body.type,
      body.licenceNumber,
      body.healthCertificateNumber ?? null,
      body.photoUploadId,
      JSON.stringify(body.delivery),
      null,
      body.declaration ? JSON.stringify(body.declaration) : null,
      quote.fee,
      quote.postalFee,
      quote.total,
      dueBy,
      'AWAITING_PAYMENT',
      'ELIGIBLE',
      false,
      body.photoUploadId,
    ]);
    if (!app.photo_claimed) throw new Error(`photo ${body.photoUploadId} was not claimed`);
    const payment = { id: randomUUID() };
    // A new application starts its audit chain: one statement moves the chain's head and inserts the
    // entry, the one the service issues (src/audit/audit-chain-heads.ts).
    const chain = `application:${app.id}`;
    const fields: HashedAuditFields = {
      chain,
      chainSeq: 1,
      occurredAt: now.toISOString(),
      actorKind: 'citizen',
      actorId: item.citizenId,
      actorRole: 'citizen',
      actorIp: '127.0.0.1',
      action: 'SUBMIT',
      subjectType: 'application',
      subjectId: app.id,
      applicationId: app.id,
      fromState: null,
      toState: 'AWAITING_PAYMENT',
      reason: null,
      data: { reference: app.reference, type: app.type, licenceNumber: app.licence_number, fee: quote },
    };
    const hash = auditHmac(FLOOR_AUDIT_KEY, null, fields);
    const response = {
      id: app.id,
      reference: app.reference,
      status: app.status,
      fee: { amount: quote.total, currency: 'VND', dueBy: dueBy.toISOString() },
      payment: { id: payment.id, redirectUrl: `/pay/${payment.id}` },
    };
    const text = renderNotification('SUBMITTED', {
      reference: app.reference,
      amount: quote.total,
      dueBy: dueBy.toISOString(),
    });
    // The notices and the step's job ride with the audit entry, as src/workflow/record-step.ts writes
    // them: the notice rows are their own queue; the payment deadline's timer goes through the outbox.
    const expiry: OutboxJob = {
      queue: 'timers',
      name: 'expire-payment',
      jobId: `expire-payment.${app.id}`,
      data: { applicationId: app.id },
      delayMs: 86_400_000,
    };
    await q(
      ...appendStatement(
        [{ chain, from: EMPTY_CHAIN, to: { seq: 1, hash } }],
        [{ ...fields, data: JSON.stringify(fields.data), prevHash: null, hash }],
        fields.occurredAt,
        CURRENT_AUDIT_HASH_ALG,
        false,
        // Its checks, the payment request and the response stored under the key ride along too, as
        // the service's submission adds them.
        ridersTogether(
          {
            ctes: floorNoticesCtes,
            params: [
              item.citizenId,
              app.id,
              'SUBMITTED',
              `${app.id}:SUBMITTED`,
              text,
              ...outboxArrays([expiry]),
            ],
          },
          ridersTogether(
            ridersTogether(
              storedChecksRider(app.id, 0, PASSED_CHECKS),
              paymentRequested(payment.id, app.id, quote.total),
            ),
            responseStored(item.citizenId, item.idempotencyKey, { status: 201, body: response }),
          ),
        ),
      ),
    );
    await q('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return statements;
}

/**
 * `concurrency` loops, each on its own connection, submit through `submitOnce` until the time is up or
 * the items run out; every item is used once.
 */
export async function runSubmissionFloor(options: {
  url: string;
  concurrency: number;
  seconds: number;
  items: WorkItem[];
}): Promise<FloorResult> {
  const pool = new Pool({
    connectionString: options.url,
    max: options.concurrency,
    application_name: 'licence-renewal-bench-floor',
  });
  // pool.end() resolves before its connections have closed; the stage database is then dropped WITH
  // (FORCE), and a connection still closing is cut. Errors of connections out of use change no figure.
  pool.on('error', () => undefined);
  const latencies = new SampleList();
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  let statements = 0;
  try {
    // Open every connection first, so connecting is not timed.
    const warm = await Promise.all(Array.from({ length: options.concurrency }, () => pool.connect()));
    warm.forEach((c) => c.release());
    const started = performance.now();
    const end = started + options.seconds * 1000;
    const loop = async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < end && next < options.items.length) {
          const item = options.items[next++];
          const t = performance.now();
          try {
            const made = await submitOnce(client, item);
            statements += made;
            latencies.push(performance.now() - t);
          } catch (error) {
            errors++;
            firstError ??= (error as Error).message;
          }
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, loop));
    const seconds = (performance.now() - started) / 1000;
    return {
      concurrency: options.concurrency,
      seconds: Math.round(seconds * 100) / 100,
      submissions: latencies.length,
      perSecond: Math.round(latencies.length / seconds),
      statementsPerSubmission: latencies.length ? Math.round((statements / latencies.length) * 10) / 10 : 0,
      latency: summarizeLatencies(latencies.values()),
      errors,
      firstError,
      poolExhausted: next >= options.items.length,
    };
  } finally {
    await pool.end();
  }
}
