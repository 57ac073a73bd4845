import { EntityManager } from 'typeorm';

export type StaffAlertKind = 'NEEDS_ATTENTION' | 'DEADLINE_BREACHED' | 'REFUND_FAILED' | 'PAYMENT_MISMATCH';

export interface NewStaffAlert {
  provinceCode: string;
  applicationId: string;
  kind: StaffAlertKind;
  message: string;
}

/**
 * Raises an alert for the province's supervisors, in the caller's transaction. One alert per case and
 * kind: raising it again (the same trouble, later) brings it back to the top, unacknowledged, with
 * the newest message; the same words on an alert still open change nothing. Returns whether it was raised.
 */
export async function raiseStaffAlert(tx: EntityManager, alert: NewStaffAlert): Promise<boolean> {
  const rows = await tx.query<unknown[]>(
    `INSERT INTO staff_alerts (province_code, application_id, kind, message) VALUES ($1, $2, $3, $4)
     ON CONFLICT (application_id, kind)
     DO UPDATE SET message = EXCLUDED.message, created_at = now(), acknowledged_at = NULL
       WHERE staff_alerts.message IS DISTINCT FROM EXCLUDED.message OR staff_alerts.acknowledged_at IS NOT NULL
     RETURNING 1`,
    [alert.provinceCode, alert.applicationId, alert.kind, alert.message],
  );
  return rows.length > 0;
}

/** raiseStaffAlert for many cases (one alert each) in one statement; answers how many were raised. */
export async function raiseStaffAlerts(tx: EntityManager, alerts: NewStaffAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const rows = await tx.query<unknown[]>(
    `INSERT INTO staff_alerts (province_code, application_id, kind, message)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[])
     ON CONFLICT (application_id, kind)
     DO UPDATE SET message = EXCLUDED.message, created_at = now(), acknowledged_at = NULL
       WHERE staff_alerts.message IS DISTINCT FROM EXCLUDED.message OR staff_alerts.acknowledged_at IS NOT NULL
     RETURNING 1`,
    [
      alerts.map((a) => a.provinceCode),
      alerts.map((a) => a.applicationId),
      alerts.map((a) => a.kind),
      alerts.map((a) => a.message),
    ],
  );
  return rows.length;
}
