import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { isDateTime, isStrictUuid } from '../common/input/strict-formats';
import { Environment } from '../config/environment';
import { parseCaseSearch, searchCondition } from './case-search';
import type { WorkQueueQueryDto } from './dto/work-queue.dto';
import { inScope, provinceScope } from './staff-scope';

export type DeadlineState = 'ON_TRACK' | 'DUE_SOON' | 'BREACHED' | null;

export interface WorkQueueItem {
  id: string;
  reference: string;
  type: string;
  status: string;
  outcome: string | null;
  provinceCode: string;
  applicantName: string;
  dueAt: string | null;
  deadlineState: DeadlineState;
  claimedBy: string | null;
  version: number;
  submittedAt: string;
}

/** What the queue shows when not told otherwise: the cases waiting for a decision of the office. */
export const AWAITING_DECISION = ['PENDING_REVIEW', 'AWAITING_VERIFICATION', 'NEEDS_ATTENTION'];

/** A day's notice: cases due within 24 hours are marked DUE_SOON. */
const DUE_SOON_MS = 24 * 3600 * 1000;

/** The province's work queue, oldest deadline first, keyset-paginated on (due date, id). */
@Injectable()
export class WorkQueueQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: Environment,
  ) {}

  async list(
    user: AuthUser,
    q: WorkQueueQueryDto,
  ): Promise<{ items: WorkQueueItem[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const params: unknown[] = [provinceScope(user), this.env.CLAIM_TTL_MINUTES];
    const where = [inScope('a', '$1')];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const search = q.q ? parseCaseSearch(q.q) : null;
    if (search) {
      const { sql, value } = searchCondition(search);
      add(sql, value);
    }
    // A search looks through every status unless told otherwise; the queue shows the cases to decide.
    if (q.status || !search) {
      add((p) => `a.status = ANY(${p}::text[])`, q.status ? q.status.split(',') : AWAITING_DECISION);
    }
    if (q.outcome) add((p) => `a.outcome = ${p}`, q.outcome);
    if (q.type) add((p) => `a.type = ${p}`, q.type);
    if (q.dueBefore) add((p) => `a.due_at < ${p}::timestamptz`, q.dueBefore);
    if (q.breached === 'true') where.push(`a.due_at < now()`);
    const after = decodeCursor(q.cursor, {
      due: (v) => v === 'infinity' || isDateTime(v),
      id: isStrictUuid,
    });
    if (after) {
      params.push(after.due, after.id);
      // Cases with no due date sort last (NULLS LAST), so the cursor treats them as +infinity.
      where.push(
        `(COALESCE(a.due_at, 'infinity'), a.id) > (COALESCE($${params.length - 1}::timestamptz, 'infinity'), $${params.length}::uuid)`,
      );
    }
    params.push(limit + 1);
    const rows = await this.db.query<
      {
        id: string;
        reference: string;
        type: string;
        status: string;
        outcome: string | null;
        province_code: string;
        applicant_name: string;
        due_at: Date | null;
        claimed_by: string | null;
        claim_active: boolean;
        version: number;
        submitted_at: Date;
      }[]
    >(
      `SELECT a.id, a.reference, a.type, a.status, a.outcome, a.province_code, a.due_at, a.claimed_by, a.version, a.submitted_at,
              (a.claimed_by IS NOT NULL AND a.claimed_at > now() - make_interval(mins => $2)) AS claim_active,
              (SELECT c.full_name FROM citizens c WHERE c.id = a.citizen_id) AS applicant_name
       FROM applications a WHERE ${where.join(' AND ')}
       ORDER BY COALESCE(a.due_at, 'infinity'), a.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const now = Date.now();
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        reference: r.reference,
        type: r.type,
        status: r.status,
        outcome: r.outcome,
        provinceCode: r.province_code,
        applicantName: r.applicant_name,
        dueAt: r.due_at?.toISOString() ?? null,
        deadlineState: !r.due_at
          ? null
          : r.due_at.getTime() < now
            ? 'BREACHED'
            : r.due_at.getTime() - now < DUE_SOON_MS
              ? 'DUE_SOON'
              : 'ON_TRACK',
        claimedBy: r.claim_active ? r.claimed_by : null,
        version: r.version,
        submittedAt: r.submitted_at.toISOString(),
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ due: last.due_at?.toISOString() ?? 'infinity', id: last.id })
          : null,
    };
  }
}
