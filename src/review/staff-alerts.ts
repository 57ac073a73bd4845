import { EntityManager } from 'typeorm';

export type StaffAlertKind = 'NEEDS_ATTENTION' | 'DEADLINE_BREACHED' | 'REFUND_FAILED';

export interface NewStaffAlert {
  provinceCode: string;
  applicationId: string;
  kind: StaffAlertKind;
  message: string;
}

/**
 * Raises an alert for the province's supervisors, in the caller's transaction. One alert per case and
 * kind: raising it again (the same trouble, later) brings it back to the top, unacknowledged, with
 * the newest message.
 */
export async function raiseStaffAlert(tx: EntityManager, alert: NewStaffAlert): Promise<void> {
  await tx.query(
    `INSERT INTO staff_alerts (province_code, application_id, kind, message) VALUES ($1, $2, $3, $4)
     ON CONFLICT (application_id, kind)
     DO UPDATE SET message = EXCLUDED.message, created_at = now(), acknowledged_at = NULL`,
    [alert.provinceCode, alert.applicationId, alert.kind, alert.message],
  );
}
