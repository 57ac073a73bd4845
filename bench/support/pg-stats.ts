import type { Client } from 'pg';

export interface StatementStat {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
}

export interface TableStat {
  table: string;
  seqScans: number;
  seqRowsRead: number;
  indexScans: number;
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
}

export interface PostgresProfile {
  /** Committed and rolled-back transactions in the stage database during the window. */
  commits: number;
  rollbacks: number;
  blocksRead: number;
  blocksHit: number;
  /** Top statements by total time (only where pg_stat_statements is loaded on the server). */
  statements: StatementStat[] | null;
  /** Every statement executed and the time Postgres spent executing them (pg_stat_statements only). */
  statementCalls: number | null;
  statementMs: number | null;
  statementsNote: string | null;
  tables: TableStat[];
}

async function databaseCounters(db: Client) {
  const { rows } = await db.query<{ c: string; r: string; br: string; bh: string }>(
    `SELECT xact_commit AS c, xact_rollback AS r, blks_read AS br, blks_hit AS bh FROM pg_stat_database WHERE datname = current_database()`,
  );
  return {
    commits: Number(rows[0].c),
    rollbacks: Number(rows[0].r),
    read: Number(rows[0].br),
    hit: Number(rows[0].bh),
  };
}

/** This database's statements sent by the service's role ($1). */
const SERVICE_STATEMENTS = `dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND userid = (SELECT oid FROM pg_roles WHERE rolname = $1)`;

/**
 * Postgres' own view of a stage: transactions, cache hits, per-table scans and writes, and — when the
 * server preloads pg_stat_statements — the statements that took the time. Statistics arrive with a
 * delay of up to half a second, so `end` waits for them.
 */
export class PostgresProfiler {
  private start?: Awaited<ReturnType<typeof databaseCounters>>;
  private statementsReady = false;
  private note: string | null = null;

  /** `serviceRole`: the statements counted are the service's (the bench's own monitor and checks are not). */
  constructor(
    private readonly db: Client,
    private readonly serviceRole: string,
  ) {}

  async begin(): Promise<void> {
    try {
      await this.db.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
      // This database's statements only: other benches on the same server keep their counts.
      await this.db.query(
        `SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)`,
      );
      this.statementsReady = true;
    } catch (error) {
      this.note = `pg_stat_statements unavailable: ${(error as Error).message}`;
    }
    await this.db.query(`SELECT pg_stat_reset()`);
    await new Promise((r) => setTimeout(r, 600));
    this.start = await databaseCounters(this.db);
  }

  async end(): Promise<PostgresProfile> {
    await new Promise((r) => setTimeout(r, 600));
    await this.db.query(`SELECT pg_stat_clear_snapshot()`);
    const now = await databaseCounters(this.db);
    const start = this.start ?? now;
    const { rows: tables } = await this.db.query<{
      relname: string;
      seq_scan: string;
      seq_tup_read: string;
      idx_scan: string | null;
      n_tup_ins: string;
      n_tup_upd: string;
      n_tup_hot_upd: string;
      n_tup_del: string;
    }>(
      `SELECT relname, seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
       FROM pg_stat_user_tables WHERE seq_scan + coalesce(idx_scan, 0) + n_tup_ins + n_tup_upd + n_tup_del > 0
       ORDER BY seq_tup_read + n_tup_ins + n_tup_upd DESC LIMIT 20`,
    );
    let statements: StatementStat[] | null = null;
    let statementCalls: number | null = null;
    let statementMs: number | null = null;
    if (this.statementsReady) {
      const { rows } = await this.db.query<{
        query: string;
        calls: string;
        total: number;
        mean: number;
        rows: string;
      }>(
        `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query, calls, total_exec_time AS total,
                mean_exec_time AS mean, rows
         FROM pg_stat_statements WHERE ${SERVICE_STATEMENTS}
         ORDER BY total_exec_time DESC LIMIT 15`,
        [this.serviceRole],
      );
      const [totals] = (
        await this.db.query<{ calls: string; total: number }>(
          `SELECT sum(calls) AS calls, sum(total_exec_time) AS total FROM pg_stat_statements
           WHERE ${SERVICE_STATEMENTS}`,
          [this.serviceRole],
        )
      ).rows;
      statementCalls = Number(totals.calls);
      statementMs = Math.round(totals.total);
      statements = rows.map((r) => ({
        query: r.query,
        calls: Number(r.calls),
        totalMs: Math.round(r.total),
        meanMs: Math.round(r.mean * 1000) / 1000,
        rows: Number(r.rows),
      }));
    }
    return {
      commits: now.commits - start.commits,
      rollbacks: now.rollbacks - start.rollbacks,
      blocksRead: now.read - start.read,
      blocksHit: now.hit - start.hit,
      statements,
      statementCalls,
      statementMs,
      statementsNote: this.note,
      tables: tables.map((t) => ({
        table: t.relname,
        seqScans: Number(t.seq_scan),
        seqRowsRead: Number(t.seq_tup_read),
        indexScans: Number(t.idx_scan ?? 0),
        inserted: Number(t.n_tup_ins),
        updated: Number(t.n_tup_upd),
        hotUpdated: Number(t.n_tup_hot_upd),
        deleted: Number(t.n_tup_del),
      })),
    };
  }
}
