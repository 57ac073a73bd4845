import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Any fixed number: one fold at a time across all worker processes. */
const FOLD_LOCK = 724_311_007;
const FOLD_BATCH = 50_000;
/** Transactions whose audit entries one batch counts (about one application change each). */
const AUDIT_SPAN = 20_000;

/** A delta table, the rollup it folds into, and the columns that key both. */
const FOLDS = [
  { deltas: 'stats_daily_deltas', rollup: 'stats_daily', key: 'day, province_code, metric' },
  { deltas: 'stats_status_deltas', rollup: 'stats_status', key: 'province_code, status' },
  { deltas: 'stats_histogram_deltas', rollup: 'stats_histogram', key: 'measure, province_code, day, bucket' },
] as const;

/**
 * Folds the statistics forward, in batches, in one transaction each. First the applications the audit
 * log names (entries of transactions that have all ended, since the watermark) are counted again:
 * their difference from what was counted becomes +1/−1 delta rows (events per day, applications per
 * state, durations per histogram bucket), and `stats_counted` and the watermark move with them
 * (migrations/…-StatsFoldedFromAuditLog.ts). Then the deltas are folded into their rollups: each
 * batch deletes its deltas and adds their sums in one statement (DELETE … RETURNING), so a delta is
 * counted exactly once. Readers add what is not folded yet themselves: folding only keeps their reads
 * short.
 */
@Injectable()
export class StatsRollup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Folds until the ended transactions are counted and no deltas are left; returns how many
   * applications were counted and deltas folded (0 when another process is folding).
   */
  async fold(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const [{ locked }] = await tx.query<{ locked: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock($1) AS locked`,
          [FOLD_LOCK],
        );
        if (!locked) return null;
        const [counted] = await tx.query<{ applications: number; more: boolean }[]>(
          `SELECT applications, more FROM stats_fold_audit($1)`,
          [AUDIT_SPAN],
        );
        const moved: number[] = [];
        for (const fold of FOLDS) moved.push(await this.foldBatch(tx, fold));
        return { counted, moved };
      });
      if (!batch) return total;
      total += batch.counted.applications + batch.moved.reduce((sum, n) => sum + n, 0);
      if (!batch.counted.more && !batch.moved.some((n) => n === FOLD_BATCH)) return total;
    }
  }

  private async foldBatch(
    tx: EntityManager,
    { deltas, rollup, key }: (typeof FOLDS)[number],
  ): Promise<number> {
    const [{ n }] = await tx.query<{ n: number }[]>(
      `WITH moved AS (
         DELETE FROM ${deltas}
         WHERE id IN (SELECT id FROM ${deltas} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING ${key}, delta
       ), added AS (
         INSERT INTO ${rollup} (${key}, count)
         SELECT ${key}, sum(delta) FROM moved GROUP BY ${key} ORDER BY ${key}
         ON CONFLICT (${key}) DO UPDATE SET count = ${rollup}.count + EXCLUDED.count
       )
       SELECT count(*)::int AS n FROM moved`,
      [FOLD_BATCH],
    );
    return n;
  }
}
