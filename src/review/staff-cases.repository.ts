import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { ApplicationStatus } from '../workflow/application-workflow';
import { inScope, provinceScope } from './staff-scope';
import { isStrictUuid } from '../common/input/strict-formats';

export interface StaffCaseRow {
  id: string;
  reference: string;
  citizen_id: string;
  national_id: string;
  type: string;
  licence_number: string;
  province_code: string;
  status: ApplicationStatus;
  outcome: string | null;
  version: number;
  due_at: Date | null;
  claimed_by: string | null;
  claimed_at: Date | null;
  claim_active: boolean;
  breached_at: Date | null;
}

/** Cases as staff see them: always filtered by the staff member's province in SQL. */
@Injectable()
export class StaffCasesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(
    user: AuthUser,
    id: string,
    claimTtlMinutes: number,
    tx: EntityManager = this.db.manager,
  ): Promise<StaffCaseRow | null> {
    if (!isStrictUuid(id)) return null;
    const rows = await tx.query<StaffCaseRow[]>(
      `SELECT a.id, a.reference, a.citizen_id, a.national_id, a.type, a.licence_number, a.province_code, a.status, a.outcome,
              a.version, a.due_at, a.claimed_by, a.claimed_at, a.breached_at,
              (a.claimed_by IS NOT NULL AND a.claimed_at > now() - make_interval(mins => $3)) AS claim_active
       FROM applications a WHERE a.id = $1 AND ${inScope('a', '$2')}`,
      [id, provinceScope(user), claimTtlMinutes],
    );
    return rows[0] ?? null;
  }

  async photoOf(id: string): Promise<string | null> {
    const rows = await this.db.query<{ photo_upload_id: string | null }[]>(
      `SELECT photo_upload_id FROM applications WHERE id = $1`,
      [id],
    );
    return rows[0]?.photo_upload_id ?? null;
  }
}
