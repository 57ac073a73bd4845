import { Injectable } from '@nestjs/common';
import type { StoredCheckText } from './check-texts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ApplicationStatus } from '../workflow/application-workflow';
import type { ApplicationType } from './dto/create-application.dto';

export interface ApplicationRow {
  id: string;
  reference: string;
  citizen_id: string;
  national_id: string;
  type: ApplicationType;
  licence_number: string;
  health_certificate_number: string | null;
  photo_upload_id: string | null;
  delivery: Record<string, string>;
  new_details: Record<string, string> | null;
  declaration: Record<string, unknown> | null;
  province_code: string;
  status: ApplicationStatus;
  status_changed_at: Date;
  version: number;
  fee_amount: number;
  postal_fee: number;
  total_amount: number;
  payment_due_by: Date;
  check_run: number;
  outcome: string | null;
  due_at: Date | null;
  submitted_at: Date;
  paid_at: Date | null;
  checked_at: Date | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface CheckRow {
  rule: string;
  outcome: 'PASS' | 'FLAG' | 'FAIL';
  detail: string;
  action: string | null;
  evidence: Record<string, unknown>;
  /** The result as sentences to translate (null for results stored before rules had them). */
  texts: StoredCheckText['texts'];
}

/**
 * Reads of applications (they are created and moved only by the write path, src/workflow). Every citizen-facing read takes the citizen's id and filters by it
 * in SQL, so another person's case is simply not found.
 */
@Injectable()
export class ApplicationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findOwn(
    citizenId: string,
    id: string,
    tx: EntityManager = this.db.manager,
  ): Promise<ApplicationRow | null> {
    if (!isUuid(id)) return null;
    const rows = await tx.query<ApplicationRow[]>(
      `SELECT * FROM applications WHERE id = $1 AND citizen_id = $2`,
      [id, citizenId],
    );
    return rows[0] ?? null;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listOwn(
    citizenId: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<ApplicationRow[]> {
    const params: unknown[] = [citizenId, limit];
    let where = 'citizen_id = $1';
    if (after) {
      params.push(after.createdAt, after.id);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.db.query<ApplicationRow[]>(
      `SELECT * FROM applications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
  }

  /** The results of the latest check run. */
  latestChecks(applicationId: string, checkRun: number): Promise<CheckRow[]> {
    return this.db.query<CheckRow[]>(
      `SELECT rule, outcome, detail, action, evidence, texts FROM application_checks
       WHERE application_id = $1 AND check_run = $2 ORDER BY checked_at, rule`,
      [applicationId, checkRun],
    );
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
