import type { Client } from 'pg';
import { ReplayAuditCheck, verifyReplayAuditLog } from './replay-audit';
import { FINAL_STATES } from './replay-monitor';

export interface StageFigure {
  stage: string;
  count: number;
  /** Seconds after the replay started that the first and the last one happened. */
  firstAt: number | null;
  lastAt: number | null;
  /** Per second, between the first and the last. */
  perSecond: number;
}

/**
 * How fast each step went, from the times Postgres recorded: the stage's own rate (count over the
 * span from its first to its last event), and when it started and finished relative to the replay.
 */
export async function stageFigures(db: Client, startedAt: Date): Promise<StageFigure[]> {
  const stages: [string, string][] = [
    ['submitted', `SELECT submitted_at AS at FROM applications`],
    ['paid', `SELECT paid_at AS at FROM applications WHERE paid_at IS NOT NULL`],
    ['checked', `SELECT checked_at AS at FROM applications WHERE checked_at IS NOT NULL`],
    [
      'approved by policy',
      `SELECT decided_at AS at FROM applications WHERE decided_by = 'system' AND status NOT IN ('REJECTED')`,
    ],
    [
      'approved by staff',
      `SELECT decided_at AS at FROM applications WHERE decided_by IS NOT NULL AND decided_by <> 'system'`,
    ],
    [
      'rejected by checks',
      `SELECT decided_at AS at FROM applications WHERE status = 'REJECTED' AND decided_by IS NULL`,
    ],
    ['issued', `SELECT issued_at AS at FROM applications WHERE issued_at IS NOT NULL`],
    ['picked up', `SELECT picked_up_at AS at FROM shipments WHERE picked_up_at IS NOT NULL`],
    ['delivered', `SELECT delivered_at AS at FROM shipments WHERE delivered_at IS NOT NULL`],
  ];
  const figures: StageFigure[] = [];
  for (const [stage, sql] of stages) {
    const { rows } = await db.query<{ n: string; first: Date | null; last: Date | null }>(
      `SELECT count(*) AS n, min(at) AS first, max(at) AS last FROM (${sql}) s`,
    );
    const { n, first, last } = rows[0];
    const rel = (d: Date | null) => (d ? Math.round((d.getTime() - startedAt.getTime()) / 100) / 10 : null);
    const span = first && last ? (last.getTime() - first.getTime()) / 1000 : 0;
    figures.push({
      stage,
      count: Number(n),
      firstAt: rel(first),
      lastAt: rel(last),
      perSecond: span > 0 ? Math.round(Number(n) / span) : Number(n),
    });
  }
  return figures;
}

export interface EndToEnd {
  /** Submission to final state, per application (seconds). */
  p50: number;
  p95: number;
  max: number;
}

export async function endToEndTimes(db: Client): Promise<EndToEnd> {
  const { rows } = await db.query<{ p50: number; p95: number; max: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY s) AS p95,
            max(s) AS max
     FROM (SELECT extract(epoch FROM status_changed_at - submitted_at) AS s FROM applications
           WHERE status = ANY($1)) x`,
    [FINAL_STATES],
  );
  const r = (v: number | null) => Math.round((v ?? 0) * 10) / 10;
  return { p50: r(rows[0].p50), p95: r(rows[0].p95), max: r(rows[0].max) };
}

export interface Verification {
  /** Applications the service answered 201 for. */
  accepted: number;
  /** Applications in Postgres. */
  stored: number;
  /** Accepted ids not found in Postgres. */
  lost: number;
  byStatus: Record<string, number>;
  notFinal: number;
  /** Cards issued for an application more than once, or licences with two active cards. */
  licencesIssuedTwice: number;
  applicationsWithTwoCards: number;
  /** Applications that should have a shipment but have none, and applications with more than one. */
  shipmentsMissing: number;
  shipmentsTwice: number;
  /** Payments settled twice for one application. */
  paymentsTwice: number;
  notificationsUnsent: number;
  outboxLeft: number;
  /** npm run audit:verify's check of the stage's audit log. */
  audit: ReplayAuditCheck;
  ok: boolean;
  problems: string[];
}

/** What must hold at the end, read from Postgres, not from what the bench believes happened. */
export async function verifyReplay(
  db: Client,
  acceptedIds: string[],
  auditSecret: string,
): Promise<Verification> {
  const one = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
  const { rows } = await db.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM applications GROUP BY status ORDER BY status`,
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  // Attempts the records refused at submission are stored (refused, never paid) but were never accepted.
  const refusedBeforeFee = await one(
    `SELECT count(*) AS n FROM applications a WHERE a.status = 'REJECTED'
       AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.application_id = a.id)`,
  );
  const stored = Object.values(byStatus).reduce((a, b) => a + b, 0) - refusedBeforeFee;
  const lost = await one(
    `SELECT count(*) AS n FROM unnest($1::uuid[]) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM applications x WHERE x.id = a.id)`,
    [acceptedIds],
  );
  const notFinal = await one(`SELECT count(*) AS n FROM applications WHERE NOT (status = ANY($1))`, [
    FINAL_STATES,
  ]);
  const applicationsWithTwoCards = await one(
    `SELECT count(*) AS n FROM (SELECT application_id FROM licence_cards WHERE application_id IS NOT NULL
       GROUP BY application_id HAVING count(*) > 1) x`,
  );
  const licencesIssuedTwice = await one(
    `SELECT count(*) AS n FROM (SELECT licence_number FROM licence_cards WHERE status = 'ACTIVE'
       GROUP BY licence_number HAVING count(*) > 1) x`,
  );
  const shipmentsMissing = await one(
    `SELECT count(*) AS n FROM applications a WHERE a.issued_at IS NOT NULL AND a.delivery->>'method' = 'POST'
       AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.application_id = a.id)`,
  );
  const shipmentsTwice = await one(
    `SELECT count(*) AS n FROM (SELECT application_id FROM shipments GROUP BY application_id HAVING count(*) > 1) x`,
  );
  const paymentsTwice = await one(
    `SELECT count(*) AS n FROM (SELECT application_id FROM payments WHERE status = 'PAID'
       GROUP BY application_id HAVING count(*) > 1) x`,
  );
  const notificationsUnsent = await one(`SELECT count(*) AS n FROM notifications WHERE status <> 'SENT'`);
  const outboxLeft = await one(`SELECT count(*) AS n FROM outbox`);
  const issuedWithoutCard = await one(
    `SELECT count(*) AS n FROM applications a WHERE a.issued_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM licence_cards c WHERE c.application_id = a.id)`,
  );
  const problems: string[] = [];
  if (lost) problems.push(`${lost} accepted applications are not in Postgres`);
  if (stored !== acceptedIds.length)
    problems.push(
      `${stored} applications stored (besides ${refusedBeforeFee} refused before the fee), ${acceptedIds.length} accepted`,
    );
  if (notFinal) problems.push(`${notFinal} applications are not in a final state`);
  if (applicationsWithTwoCards) problems.push(`${applicationsWithTwoCards} applications got two cards`);
  if (licencesIssuedTwice) problems.push(`${licencesIssuedTwice} licences have two active cards`);
  if (issuedWithoutCard) problems.push(`${issuedWithoutCard} issued applications have no card`);
  if (shipmentsMissing) problems.push(`${shipmentsMissing} issued applications have no shipment`);
  if (shipmentsTwice) problems.push(`${shipmentsTwice} applications have two shipments`);
  if (paymentsTwice) problems.push(`${paymentsTwice} applications were charged twice`);
  if (notificationsUnsent) problems.push(`${notificationsUnsent} notifications not sent`);
  if (outboxLeft) problems.push(`${outboxLeft} outbox rows not relayed`);
  const audit = await verifyReplayAuditLog(db, auditSecret);
  if (!audit.intact)
    problems.push(`audit log: ${audit.problemCount} problems (${audit.problems.slice(0, 3).join('; ')})`);
  return {
    accepted: acceptedIds.length,
    stored,
    lost,
    byStatus,
    notFinal,
    licencesIssuedTwice,
    applicationsWithTwoCards,
    shipmentsMissing,
    shipmentsTwice,
    paymentsTwice,
    notificationsUnsent,
    outboxLeft,
    audit,
    ok: problems.length === 0,
    problems,
  };
}
