import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth.decorators';
import { inScope, provinceScope } from '../../review/staff-scope';

/** Buckets of the time from payment to decision, in hours (the last one open-ended). */
export const DECISION_BUCKETS = [
  { key: 'lt1d', upToHours: 24 },
  { key: 'd1to2', upToHours: 48 },
  { key: 'd2to3', upToHours: 72 },
  { key: 'd3to5', upToHours: 120 },
  { key: 'gt5d', upToHours: null },
] as const;

export interface StaffStatistics {
  days: number;
  perDay: { day: string; count: number }[];
  perProvince: { code: string; name: string; count: number }[];
  timeToDecision: { key: string; count: number }[];
  medianHoursToDecision: number | null;
  deadline: { decided: number; withinDeadline: number; share: number | null };
}

const VN_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/**
 * The figures of the statistics page and its CSV, over the last `days` days (Vietnam time), confined
 * to the staff member's province like every staff query. (The stats module under src/stats was being
 * built alongside this page; these four queries are what the page needs, read straight from the
 * applications table.)
 */
@Injectable()
export class WebStatsQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async figures(user: AuthUser, days = 30): Promise<StaffStatistics> {
    const scope = provinceScope(user);
    const since = `${VN_DAY('now()')} - ($2::int - 1)`;
    const [perDay, perProvince, decisions, deadline] = await Promise.all([
      this.db.query<{ day: string; count: number }[]>(
        `SELECT to_char(d, 'YYYY-MM-DD') AS day, count(a.id)::int AS count
           FROM generate_series(${since}, ${VN_DAY('now()')}, interval '1 day') AS d
           LEFT JOIN applications a ON ${VN_DAY('a.submitted_at')} = d::date AND ${inScope('a', '$1')}
          GROUP BY d ORDER BY d`,
        [scope, days],
      ),
      this.db.query<{ code: string; name: string; count: number }[]>(
        `SELECT p.code, p.name, count(a.id)::int AS count
           FROM provinces p
           LEFT JOIN applications a ON a.province_code = p.code AND ${VN_DAY('a.submitted_at')} >= ${since}
          WHERE ($1::char(2) IS NULL OR p.code = $1::char(2))
          GROUP BY p.code, p.name ORDER BY count DESC, p.code`,
        [scope, days],
      ),
      this.db.query<Record<string, number | null>[]>(
        `SELECT ${bucketColumns()}, percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median
           FROM (SELECT extract(epoch FROM a.decided_at - a.paid_at) / 3600 AS h
                   FROM applications a
                  WHERE ${inScope('a', '$1')} AND a.decided_at IS NOT NULL AND a.paid_at IS NOT NULL
                    AND ${VN_DAY('a.decided_at')} >= ${since}) AS x`,
        [scope, days],
      ),
      this.db.query<{ decided: number; within: number }[]>(
        `SELECT count(*)::int AS decided, count(*) FILTER (WHERE a.decided_at <= a.due_at)::int AS within
           FROM applications a
          WHERE ${inScope('a', '$1')} AND a.decided_at IS NOT NULL AND a.due_at IS NOT NULL
            AND ${VN_DAY('a.decided_at')} >= ${since}`,
        [scope, days],
      ),
    ]);
    const { decided, within } = deadline[0];
    const median = decisions[0].median;
    return {
      days,
      perDay,
      perProvince,
      timeToDecision: DECISION_BUCKETS.map((b) => ({ key: b.key, count: Number(decisions[0][b.key] ?? 0) })),
      medianHoursToDecision: median === null ? null : Number(median),
      deadline: { decided, withinDeadline: within, share: decided ? within / decided : null },
    };
  }
}

/** One count per bucket: hours from the previous bucket's limit up to this one's. */
function bucketColumns(): string {
  return DECISION_BUCKETS.map((b, i) => {
    const from = i === 0 ? null : DECISION_BUCKETS[i - 1].upToHours;
    const conditions = [
      from === null ? null : `h >= ${from}`,
      b.upToHours === null ? null : `h < ${b.upToHours}`,
    ];
    return `count(*) FILTER (WHERE ${conditions.filter(Boolean).join(' AND ') || 'true'})::int AS ${b.key}`;
  }).join(', ');
}
