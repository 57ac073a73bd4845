import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HistogramCell, interpolate, locateRank, planPercentile } from './percentile-ranks';
import type { StatsPeriod } from './stats-period';
import type { CountRow, DurationRow, StateCountRow } from './stats-report';

export type DurationMeasure = 'payment_to_decision' | 'payment_to_delivery';

/** The histogram's province code for all provinces together. */
const NATIONAL = '00';

const LEVELS: Record<number, CountRow['level']> = { 3: 'total', 2: 'province', 1: 'day' };

/**
 * Reads the statistics tables the Stats migration maintains, through the `stats_*_cells` views
 * (migrations/…-StatsFoldedFromAuditLog.ts): the rollup, the deltas not folded yet, and what counting
 * the applications the audit log names since the last fold would change, so the figures are exact
 * whenever the fold last ran. Every method takes the province scope (null: national) and applies it in SQL.
 */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Event counts summed over the period. One scan, three groupings (total, province, day). */
  async eventCounts(
    period: StatsPeriod,
    provinceCode: string | null,
    metrics: readonly string[],
    perDay: boolean,
  ): Promise<CountRow[]> {
    const where = `($1::date IS NULL OR day >= $1::date) AND day <= $2::date
      AND ($3::char(2) IS NULL OR province_code = $3::char(2)) AND metric = ANY($4::text[])`;
    // GROUPING() says which set a row sums: bit 1 day aggregated away, bit 0 province aggregated away.
    const grouping = perDay ? 'GROUPING(day, province_code)' : 'GROUPING(province_code) + 2';
    const sets = ['(metric)', '(province_code, metric)', ...(perDay ? ['(day, metric)'] : [])];
    const rows = await this.db.query<
      { day: string | null; province_code: string | null; metric: string; n: string; level: number }[]
    >(
      `WITH cells AS (SELECT day, province_code, metric, n FROM stats_daily_cells WHERE ${where})
       SELECT ${perDay ? `to_char(day, 'YYYY-MM-DD')` : 'NULL'} AS day, province_code, metric,
              sum(n)::bigint AS n, ${grouping} AS level
       FROM cells GROUP BY GROUPING SETS (${sets.join(', ')})`,
      [period.from, period.to, provinceCode, metrics],
    );
    return rows.map((r) => {
      const level = LEVELS[Number(r.level)];
      return { level, key: level === 'day' ? r.day : r.province_code, metric: r.metric, n: Number(r.n) };
    });
  }

  /** Applications in each of the given states right now, per province. */
  async statesNow(provinceCode: string | null, statuses: readonly string[]): Promise<StateCountRow[]> {
    const rows = await this.db.query<{ province_code: string; status: string; n: string }[]>(
      `SELECT province_code, status, sum(n)::bigint AS n FROM stats_status_cells
       WHERE ($1::char(2) IS NULL OR province_code = $1::char(2)) AND status = ANY($2::text[])
       GROUP BY province_code, status`,
      [provinceCode, statuses],
    );
    return rows.map((r) => ({ provinceCode: r.province_code, status: r.status, n: Number(r.n) }));
  }

  /**
   * Median and 90th percentile of one measure over the durations that ended in the period, exactly as
   * percentile_cont computes them: the histogram locates the ranks, and only the buckets holding them
   * are read — from `stats_durations`, except for the applications not folded yet, whose durations come
   * from the live tables. One REPEATABLE READ snapshot keeps the two in step.
   */
  async durations(
    measure: DurationMeasure,
    period: StatsPeriod,
    provinceCode: string | null,
  ): Promise<DurationRow> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const range = `($3::date IS NULL OR day >= $3::date) AND day <= $4::date`;
      const [{ unfolded }] = await tx.query<{ unfolded: string[] }[]>(`SELECT stats_unfolded() AS unfolded`);
      const cells = await tx.query<{ bucket: number; n: string }[]>(
        `SELECT bucket, sum(n)::bigint AS n FROM stats_histogram_cells
         WHERE measure = $1 AND province_code = $2 AND ${range}
         GROUP BY bucket HAVING sum(n) <> 0 ORDER BY bucket`,
        [measure, provinceCode ?? NATIONAL, period.from, period.to],
      );
      // Durations as counted, or as they are now for the applications not folded yet (usually none).
      const durations = unfolded.length
        ? `(SELECT measure, bucket, day, province_code, seconds FROM stats_durations WHERE application_id <> ALL ($7::uuid[])
            UNION ALL
            SELECT measure, stats_bucket(seconds), day, province_code, seconds FROM stats_durations_source
            WHERE application_id = ANY ($7::uuid[])) d`
        : 'stats_durations';
      const histogram: HistogramCell[] = cells.map((c) => ({ bucket: Number(c.bucket), n: Number(c.n) }));
      const count = histogram.reduce((sum, c) => sum + c.n, 0);
      const known = new Map<number, number>();
      const valueAt = async (rank: number): Promise<number> => {
        if (!known.has(rank)) {
          const { bucket, offset } = locateRank(histogram, rank);
          // Two values: the next rank is usually needed too, and usually in the same bucket.
          const rows = await tx.query<{ seconds: number }[]>(
            `SELECT seconds FROM ${durations}
             WHERE measure = $1 AND bucket = $2 AND ${range} AND ($5::char(2) IS NULL OR province_code = $5::char(2))
             ORDER BY seconds OFFSET $6 LIMIT 2`,
            [
              measure,
              bucket,
              period.from,
              period.to,
              provinceCode,
              offset,
              ...(unfolded.length ? [unfolded] : []),
            ],
          );
          rows.forEach((row, i) => known.set(rank + i, row.seconds));
        }
        return known.get(rank)!;
      };
      const percentile = async (p: number): Promise<number | null> => {
        const plan = planPercentile(count, p);
        return plan ? interpolate(plan, await valueAt(plan.lo), await valueAt(plan.hi)) : null;
      };
      return { count, p50Seconds: await percentile(0.5), p90Seconds: await percentile(0.9) };
    });
  }
}
