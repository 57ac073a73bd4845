import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { inScope, provinceScope } from '../../review/staff-scope';

export interface StaffAlert {
  id: string;
  kind: string;
  applicationId: string;
  reference: string;
  status: string;
  provinceCode: string;
  dueAt: Date | null;
  createdAt: Date;
}

/** Reads for the staff pages beyond the review services, confined to the staff member's province. */
@Injectable()
export class StaffPagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Open alerts (deadline breached, needs attention) on cases not yet closed, and payment mismatches, newest first. */
  alerts(user: AuthUser, limit = 100): Promise<StaffAlert[]> {
    return this.db.query<StaffAlert[]>(
      `SELECT s.id, s.kind, a.id AS "applicationId", a.reference, a.status, a.province_code AS "provinceCode",
              a.due_at AS "dueAt", s.created_at AS "createdAt"
         FROM staff_alerts s JOIN applications a ON a.id = s.application_id
        WHERE s.acknowledged_at IS NULL AND ${inScope('s', '$1')}
          AND (a.status IN ('PENDING_REVIEW', 'NEEDS_ATTENTION', 'APPROVED', 'RETURNED_TO_OFFICE')
               OR s.kind = 'PAYMENT_MISMATCH') -- money matters whatever state the case is in
        ORDER BY s.created_at DESC LIMIT $2`,
      [provinceScope(user), limit],
    );
  }
}
