import { EntityManager } from 'typeorm';
import type { NotificationParams, NotificationTemplate } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier';
import type { OutboxJob } from '../outbox/outbox';
import { ApplicationStatus, FINAL_STATUSES, WORKFLOW, WorkflowActionName } from './application-workflow';
import { recordSteps } from './record-step';
import type { StatementRider } from '../database/statement-rider';
import { assertMayTake, WorkflowActor } from './workflow-gate';

/** What a citizen's submission stores. */
export interface NewApplication {
  citizenId: string;
  nationalId: string;
  type: string;
  licenceNumber: string;
  healthCertificateNumber: string | null;
  photoUploadId: string;
  delivery: object;
  newDetails: object | null;
  declaration: object | null;
  provinceCode: string;
  fee: number;
  postalFee: number;
  total: number;
  paymentDueBy: Date;
}

export interface StartedApplication {
  id: string;
  reference: string;
  status: ApplicationStatus;
  type: string;
  licence_number: string;
}

/** The citizen's photo, claimed for the application by the statement that creates it. */
export interface PhotoClaim {
  uploadId: string;
  /** Why the photo could not be claimed (used, or not the citizen's): throws, and nothing is kept. */
  refuse: (tx: EntityManager, app: StartedApplication) => Promise<never>;
}

export interface StartRequest {
  /** SUBMIT opens the case; REFUSED_AT_SUBMISSION records an attempt the records refused (never open). */
  action: Extract<WorkflowActionName, 'SUBMIT' | 'REFUSED_AT_SUBMISSION'>;
  actor: WorkflowActor;
  /** The overall outcome of the checks run at submission. */
  outcome: string;
  reason?: string | null;
  application: NewApplication;
  data?: (app: StartedApplication) => Record<string, unknown>;
  notice?: (app: StartedApplication) => {
    template: NotificationTemplate;
    params?: NotificationParams;
  };
  jobs?: (app: StartedApplication) => OutboxJob[];
  /** Other writes of the submission, carried by its audit entry's statement. */
  rider?: (app: StartedApplication) => StatementRider | null;
  photo?: PhotoClaim;
}

/**
 * A new application, and the citizen's photo claimed for it when $18 names the upload. The claim rides
 * with the insert: the upload names the new row, whose key (like every foreign key) is checked at the
 * end of the statement, after the row is in. The bench's floor issues the same text.
 */
export const START_APPLICATION_SQL = `
  WITH app AS (
    INSERT INTO applications (reference, citizen_id, national_id, type, licence_number, health_certificate_number,
      photo_upload_id, delivery, new_details, declaration, province_code, status, fee_amount, postal_fee,
      total_amount, payment_due_by, outcome, checked_at, decided_at, closed_at)
    VALUES ($1 || '-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' ||
            lpad(nextval('application_reference_seq')::text, 7, '0'),
            $2, $3, $4, $5, $6, $7, $8, $9, $10, $1, $15, $11, $12, $13, $14, $16, now(),
            CASE WHEN $17::boolean THEN now() END, CASE WHEN $17::boolean THEN now() END)
    RETURNING id, reference, status, type, licence_number
  ), photo AS (
    UPDATE uploads SET used_at = now(), used_by_application_id = (SELECT id FROM app)
    WHERE id = $18::uuid AND owner_citizen_id = $2 AND used_at IS NULL
    RETURNING id
  )
  SELECT app.*, EXISTS (SELECT 1 FROM photo) AS photo_claimed FROM app`;

/**
 * The write path's first step (from no state): the application is created in the state the workflow
 * table gives for the action (open, or refused by the records before any fee), with the photo's claim
 * when asked, its audit entry (which starts the case's chain), the citizen's notice and the follow-up
 * jobs, in the caller's transaction: two statements.
 */
export async function startApplication(
  tx: EntityManager,
  notifier: Notifier,
  request: StartRequest,
): Promise<StartedApplication> {
  assertMayTake(request.action, request.actor.role);
  const a = request.application;
  const status = WORKFLOW[request.action].to;
  const [{ photo_claimed, ...app }] = await tx.query<(StartedApplication & { photo_claimed: boolean })[]>(
    START_APPLICATION_SQL,
    [
      a.provinceCode,
      a.citizenId,
      a.nationalId,
      a.type,
      a.licenceNumber,
      a.healthCertificateNumber,
      a.photoUploadId,
      JSON.stringify(a.delivery),
      a.newDetails ? JSON.stringify(a.newDetails) : null,
      a.declaration ? JSON.stringify(a.declaration) : null,
      a.fee,
      a.postalFee,
      a.total,
      a.paymentDueBy,
      status,
      request.outcome,
      FINAL_STATUSES.includes(status),
      request.photo?.uploadId ?? null,
    ],
  );
  if (request.photo && !photo_claimed) await request.photo.refuse(tx, app);
  await recordSteps(
    tx,
    notifier,
    [
      {
        audit: {
          actor: request.actor,
          action: request.action,
          subjectType: 'application',
          subjectId: app.id,
          applicationId: app.id,
          toState: app.status,
          reason: request.reason ?? null,
          data: request.data?.(app) ?? {},
          newSubject: true, // inserted just above, with a random id: its chain is empty and unknown to others
        },
        citizenId: a.citizenId,
        applicationId: app.id,
        reference: app.reference,
        notice: request.notice?.(app),
        noticeKey: `${app.id}:${request.action}`,
        jobs: request.jobs?.(app),
      },
    ],
    request.rider?.(app) ?? null,
  );
  return app;
}
