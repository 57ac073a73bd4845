import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Any fixed number: one fold at a time across all worker processes. */
const FOLD_LOCK = 724_311_007;
const FOLD_BATCH = 50_000;

/** A delta table, the rollup it folds into, and the columns that key both. */
const FOLDS = [
  { deltas: 'stats_daily_deltas', rollup: 'stats_daily', key: 'day, province_code, metric' },
  { deltas: 'stats_status_deltas', rollup: 'stats_status', key: 'province_code, status' },
  { deltas: 'stats_histogram_deltas', rollup: 'stats_histogram', key: 'measure, province_code, day, bucket' },
] as const;

/**
 * Folds the +1/−1 rows the triggers append to the `_deltas` tables (events per day, applications per
 * state, durations per histogram bucket) into their rollups. Each batch deletes its deltas and adds their sums in one
 * statement (DELETE … RETURNING), so a delta is counted exactly once, and one written by a transaction
 * still open is simply left for next time. Readers add unfolded deltas themselves: folding only keeps
 * their reads short.
 */
@Injectable()
export class StatsRollup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Folds until no deltas are left; returns how many were folded (0 when another process is folding). */
  async fold(): Promise<number> {
    let total = 0;
    for (;;) {
      const batches = await this.db.transaction(async (tx) => {
        const [{ locked }] = await tx.query<{ locked: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock($1) AS locked`,
          [FOLD_LOCK],
        );
        if (!locked) return [];
        const moved: number[] = [];
        for (const fold of FOLDS) moved.push(await this.foldBatch(tx, fold));
        return moved;
      });
      total += batches.reduce((sum, n) => sum + n, 0);
      if (!batches.some((n) => n === FOLD_BATCH)) return total;
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
