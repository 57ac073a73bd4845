import { chainHeadColumns, ChainHeadColumns, knownHead } from '../audit/known-head';
import { EntityManager } from 'typeorm';
import type { NotificationParams, NotificationTemplate } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier';
import type { StatementRider } from '../database/statement-rider';
import type { OutboxJob } from '../outbox/outbox';
import { refundPaidFees } from '../payments/refund-requests';
import { ActionGuard, ApplicationChanges, changesParameter } from './application-changes';
import { ApplicationStatus, sourcesOf, WORKFLOW, WorkflowActionName } from './application-workflow';
import { recordSteps, StepRecord } from './record-step';
import { assertMayTake, WorkflowActor } from './workflow-gate';

/** The application as the action left it. */
export interface MovedApplication extends ChainHeadColumns {
  id: string;
  reference: string;
  citizen_id: string;
  province_code: string;
  status: ApplicationStatus;
  from_status: ApplicationStatus;
  version: number;
  check_run: number;
}

type Derived<T> = T | ((app: MovedApplication) => T);

export interface ActionRequest {
  applicationId: string;
  action: WorkflowActionName;
  actor: WorkflowActor;
  /** The version the actor saw: the action happens only if nobody changed the case since. */
  expectVersion?: number;
  guard?: ActionGuard;
  changes?: ApplicationChanges;
  /** Why, for the audit log (and the citizen's timeline where the action is visible to them). */
  reason?: string | null;
  data?: Derived<Record<string, unknown>>;
  /** What the citizen is told; `reference` is filled in. Null: the step is not told. */
  notice?: Derived<{ template: NotificationTemplate; params?: NotificationParams } | null>;
  /** Work that follows the step, queued through the outbox in the same transaction. */
  jobs?: Derived<OutboxJob[]>;
  /**
   * Other writes of the same step, carried by its audit entry's statement: written when the
   * application moved, never when it did not (then the caller writes what it still needs). One action
   * only: takeActions refuses them.
   */
  rider?: StatementRider;
}

/** Ends after which a paid fee is refunded. */
const REFUNDING_ENDS: readonly ApplicationStatus[] = ['REJECTED', 'CANCELLED'];

const derive = <T>(value: Derived<T> | undefined, app: MovedApplication): T | undefined =>
  typeof value === 'function' ? (value as (a: MovedApplication) => T)(app) : value;

/** The typed changes, read from `c` (the row's jsonb changes): the same in both statements below. */
const CHANGES = `
  status_changed_at = now(),
  updated_at = now(),
  version = a.version + 1,
  check_run = a.check_run + CASE WHEN c ? 'new_check_run' THEN 1 ELSE 0 END,
  outcome = CASE WHEN c ? 'outcome' THEN c->>'outcome' ELSE a.outcome END,
  checked_at = CASE WHEN c ? 'checked_at' THEN (c->>'checked_at')::timestamptz ELSE a.checked_at END,
  due_at = CASE WHEN c ? 'due_at' THEN (c->>'due_at')::timestamptz ELSE a.due_at END,
  decided_at = CASE WHEN NOT c ? 'decided_at' THEN a.decided_at
                    WHEN c->>'decided_at' = 'now' THEN now() ELSE (c->>'decided_at')::timestamptz END,
  decided_by = CASE WHEN c ? 'decided_by' THEN c->>'decided_by' ELSE a.decided_by END,
  decision_note = CASE WHEN c ? 'decision_note' THEN c->>'decision_note' ELSE a.decision_note END,
  decision_reason_code = CASE WHEN c ? 'decision_reason_code' THEN c->>'decision_reason_code'
                              ELSE a.decision_reason_code END,
  claimed_by = CASE WHEN c ? 'release_claim' THEN NULL ELSE a.claimed_by END,
  claimed_at = CASE WHEN c ? 'release_claim' THEN NULL ELSE a.claimed_at END,
  attention = CASE WHEN c ? 'attention' THEN NULLIF(c->'attention', 'null'::jsonb) ELSE a.attention END,
  paid_at = CASE WHEN c ? 'paid_at' THEN (c->>'paid_at')::timestamptz ELSE a.paid_at END,
  issued_at = CASE WHEN NOT c ? 'issued_at' THEN a.issued_at
                   WHEN c->>'issued_at' = 'now' THEN now() ELSE (c->>'issued_at')::timestamptz END,
  closed_at = CASE WHEN NOT c ? 'closed_at' THEN a.closed_at
                   WHEN c->>'closed_at' = 'now' THEN now() ELSE (c->>'closed_at')::timestamptz END,
  health_certificate_number = CASE WHEN c ? 'health_certificate_number'
                                   THEN c->>'health_certificate_number' ELSE a.health_certificate_number END,
  photo_upload_id = CASE WHEN c ? 'photo_upload_id' THEN (c->>'photo_upload_id')::uuid ELSE a.photo_upload_id END`;

/** With the moved row, the application's audit chain head, read under the row's lock (src/audit/known-head.ts). */
const RETURNED = `a.id, a.reference, a.citizen_id, a.province_code, a.status, before.from_status, a.version, a.check_run,
  ${chainHeadColumns(`'application:' || a.id::text`)}`;

/**
 * The one statement that moves an application: state, version, and the typed changes, conditional on
 * the state the action may start from, the expected version and the guard. Its text never changes.
 */
const MOVE_SQL = `
UPDATE applications a SET
  status = $2,${CHANGES}
FROM (SELECT id, status AS from_status, $4::jsonb AS c FROM applications WHERE id = $1 FOR UPDATE) before
WHERE before.id = a.id
  AND a.status = ANY($3::text[])
  AND ($5::int IS NULL OR a.version = $5)
  AND ($6::int IS NULL OR a.check_run = $6)
  AND ($7::uuid IS NULL OR a.claimed_by = $7)
  AND (NOT $8::boolean OR a.payment_due_by <= now())
RETURNING ${RETURNED}`;

/**
 * The same move for many applications in one statement: each row carries its own action's target
 * state, starting states, changes and guard, so each row is moved or left exactly as MOVE_SQL would.
 * The rows are locked in id order, so two batches never deadlock.
 */
const MOVE_MANY_SQL = `
UPDATE applications a SET
  status = before.to_status,${CHANGES}
FROM (SELECT x.id, x.status AS from_status, r.to_status, r.sources, r.c, r.expect_version, r.guard_check_run,
             r.guard_claimed_by, r.deadline_passed
      FROM applications x
      JOIN jsonb_to_recordset($1::jsonb) AS r(id uuid, to_status text, sources text[], c jsonb,
             expect_version int, guard_check_run int, guard_claimed_by uuid, deadline_passed boolean) ON r.id = x.id
      WHERE x.id = ANY($2::uuid[])
      ORDER BY x.id
      FOR UPDATE OF x) before
WHERE before.id = a.id
  AND a.status = ANY(before.sources)
  AND (before.expect_version IS NULL OR a.version = before.expect_version)
  AND (before.guard_check_run IS NULL OR a.check_run = before.guard_check_run)
  AND (before.guard_claimed_by IS NULL OR a.claimed_by = before.guard_claimed_by)
  AND (NOT before.deadline_passed OR a.payment_due_by <= now())
RETURNING ${RETURNED}`;

/**
 * The only way an application changes state. In the caller's transaction it checks the workflow
 * table (the role here, the state in the statement), moves the state with the version check and the
 * typed changes, appends the audit entry, tells the citizen and queues the follow-up work through the
 * outbox. Returns null, writing nothing, when the case is not (or no longer) where the action can start:
 * the caller decides whether that is a conflict to report or a retry to ignore.
 */
export async function takeAction(
  tx: EntityManager,
  notifier: Notifier,
  request: ActionRequest,
): Promise<MovedApplication | null> {
  assertMayTake(request.action, request.actor.role);
  const [rows] = await tx.query<[MovedApplication[], number]>(MOVE_SQL, [
    request.applicationId,
    WORKFLOW[request.action].to,
    sourcesOf(request.action),
    JSON.stringify(changesParameter(request.changes ?? {})),
    request.expectVersion ?? null,
    request.guard?.checkRun ?? null,
    request.guard?.claimedBy ?? null,
    request.guard?.paymentDeadlinePassed ?? false,
  ]);
  const app = rows[0];
  if (!app) return null;
  await recordSteps(tx, notifier, [await stepOf(tx, request, app)], request.rider ?? null);
  return app;
}

/**
 * takeAction for many applications at once (each its own request, action and guard), in the caller's
 * transaction: one statement moves them all, one appends their audit entries, one queues their jobs;
 * each moved application still gets its own audit entry, notice and refund. The answer is in the
 * requests' order: null where that application was not (or no longer) where its action can start.
 */
export async function takeActions(
  tx: EntityManager,
  notifier: Notifier,
  requests: ActionRequest[],
): Promise<(MovedApplication | null)[]> {
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.applicationId);
  if (new Set(ids.map((id) => id.toLowerCase())).size !== ids.length)
    throw new Error('takeActions: one request per application');
  if (requests.some((r) => r.rider)) throw new Error('takeActions: a rider rides with one action only');
  for (const request of requests) assertMayTake(request.action, request.actor.role);
  const [rows] = await tx.query<[MovedApplication[], number]>(MOVE_MANY_SQL, [
    JSON.stringify(
      requests.map((request) => ({
        id: request.applicationId,
        to_status: WORKFLOW[request.action].to,
        sources: sourcesOf(request.action),
        c: changesParameter(request.changes ?? {}),
        expect_version: request.expectVersion ?? null,
        guard_check_run: request.guard?.checkRun ?? null,
        guard_claimed_by: request.guard?.claimedBy ?? null,
        deadline_passed: request.guard?.paymentDeadlinePassed ?? false,
      })),
    ),
    ids,
  ]);
  const moved = new Map(rows.map((row) => [row.id, row]));
  const answers = requests.map((r) => moved.get(r.applicationId.toLowerCase()) ?? null);
  const steps: StepRecord[] = [];
  for (const [i, app] of answers.entries()) if (app) steps.push(await stepOf(tx, requests[i], app));
  await recordSteps(tx, notifier, steps);
  return answers;
}

/** What follows one move: a paid fee refunded at an end without a card, the audit entry, notice, jobs. */
async function stepOf(tx: EntityManager, request: ActionRequest, app: MovedApplication): Promise<StepRecord> {
  // A case that ends without a card gives back any fee it took (DOMAIN.md), whoever ended it.
  const refunds = REFUNDING_ENDS.includes(app.status)
    ? await refundPaidFees(tx, app.id, `${request.action}: ${request.reason ?? 'ended without a licence'}`)
    : [];
  return {
    audit: {
      actor: request.actor,
      action: request.action,
      subjectType: 'application',
      subjectId: app.id,
      applicationId: app.id,
      fromState: app.from_status,
      toState: app.status,
      reason: request.reason ?? null,
      data: { ...derive(request.data, app), ...(refunds.length ? { refunds } : {}) },
      knownHead: knownHead(app),
    },
    citizenId: app.citizen_id,
    applicationId: app.id,
    reference: app.reference,
    notice: derive(request.notice, app),
    // Every move bumps the version: one notice per step, however often a job is retried.
    noticeKey: `${app.id}:${request.action}:${app.version}`,
    jobs: derive(request.jobs, app),
  };
}
