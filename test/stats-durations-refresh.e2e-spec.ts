import { Client } from 'pg';
import { insertSyntheticApplications } from '../src/stats/bench/synthetic-applications';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The per-application duration rows follow every payment, decision and delivery when the application
 * is counted again (by the worker's fold of the audit log, or by `stats_recount` for a change made
 * beside the write path, as here). Counting must reach the application through its indexes: one that
 * reads the whole table makes every transition cost more as the country's applications pile up.
 */
describe('statistics: processing times follow each change through the indexes', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await insertSyntheticApplications(client, {
      count: 3000,
      days: 30,
      now: new Date('2026-10-01T00:00:00Z'),
      seed: 7,
    });
    await client.query(`ANALYZE applications, shipments, stats_durations`);
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /**
   * What `change` adds to this backend's counters, read by `counters` inside one transaction with it.
   * pg_stat_xact_* also shows earlier transactions' counts not yet flushed, hence the difference.
   */
  async function countedDuring(
    counters: () => Promise<Record<string, number>>,
    change: () => Promise<unknown>,
  ): Promise<Record<string, number>> {
    await client.query('BEGIN');
    try {
      const before = await counters();
      await change();
      const after = await counters();
      await client.query('COMMIT');
      return Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - (before[key] ?? 0)]));
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  /** Sequential scans of applications and shipments that `change` causes. */
  const sequentialScansOf = (change: () => Promise<unknown>) =>
    countedDuring(async () => {
      const { rows } = await client.query<{ relname: string; seq_scan: string }>(
        `SELECT relname, seq_scan FROM pg_stat_xact_user_tables WHERE relname IN ('applications', 'shipments')`,
      );
      return Object.fromEntries(rows.map((r) => [r.relname, Number(r.seq_scan)]));
    }, change);

  /** A change made here beside the write path (no audit entry), then the application counted again. */
  const changed = (id: string, sql: string, params: unknown[]) => async () => {
    await client.query(sql, params);
    await client.query(`SELECT stats_recount(ARRAY[$1]::uuid[])`, [id]);
  };

  const durationsOf = async (id: string) =>
    (
      await client.query<{ measure: string; seconds: number }>(
        `SELECT measure, seconds FROM stats_durations WHERE application_id = $1 ORDER BY measure`,
        [id],
      )
    ).rows;

  it('adds, moves and removes an application’s durations without scanning applications or shipments', async () => {
    const { rows } = await client.query<{ id: string; shipment: string }>(
      `SELECT a.id, s.id AS shipment FROM applications a JOIN shipments s ON s.application_id = a.id
       WHERE a.status = 'DELIVERED' ORDER BY a.reference LIMIT 1`,
    );
    const [{ id, shipment }] = rows;
    expect(await durationsOf(id)).toHaveLength(2);

    // Decided a day later: payment → decision grows by a day.
    const [before] = await durationsOf(id);
    const later = await sequentialScansOf(
      changed(id, `UPDATE applications SET decided_at = decided_at + interval '1 day' WHERE id = $1`, [id]),
    );
    expect(later).toEqual({ applications: 0, shipments: 0 });
    const [after] = await durationsOf(id);
    expect(after).toEqual({ measure: 'payment_to_decision', seconds: before.seconds + 86_400 });

    // The delivery taken back, then the decision: each row leaves with what it measured.
    const undelivered = await sequentialScansOf(
      changed(id, `UPDATE shipments SET delivered_at = NULL WHERE id = $1`, [shipment]),
    );
    expect(undelivered).toEqual({ applications: 0, shipments: 0 });
    expect((await durationsOf(id)).map((d) => d.measure)).toEqual(['payment_to_decision']);
    const undecided = await sequentialScansOf(
      changed(id, `UPDATE applications SET decided_at = NULL WHERE id = $1`, [id]),
    );
    expect(undecided).toEqual({ applications: 0, shipments: 0 });
    expect(await durationsOf(id)).toEqual([]);

    expect(await drift()).toEqual([]);
  });

  it('leaves durations alone for a payment before any decision: there is none to refresh', async () => {
    const { rows } = await client.query<{ id: string; paid_at: Date }>(
      `SELECT id, paid_at FROM applications WHERE status = 'PENDING_REVIEW' ORDER BY reference LIMIT 1`,
    );
    const [{ id, paid_at }] = rows;
    await client.query(`SET track_functions = 'pl'`);
    /** Calls of the refresh that `change` makes. */
    const refreshes = async (change: () => Promise<unknown>) =>
      (
        await countedDuring(async () => {
          const { rows: found } = await client.query<{ calls: string }>(
            `SELECT calls FROM pg_stat_xact_user_functions WHERE funcname = 'stats_refresh_durations'`,
          );
          return { calls: Number(found[0]?.calls ?? 0) };
        }, change)
      ).calls;
    const payAt = (at: Date | null) =>
      changed(id, `UPDATE applications SET paid_at = $2 WHERE id = $1`, [id, at]);

    expect(await refreshes(payAt(null))).toBe(0);
    expect(await refreshes(payAt(paid_at))).toBe(0);
    expect(await durationsOf(id)).toEqual([]);
    // Once decided, a changed payment moves the duration: the refresh runs.
    await changed(id, `UPDATE applications SET decided_at = paid_at + interval '2 hours' WHERE id = $1`, [
      id,
    ])();
    expect(await refreshes(payAt(new Date(paid_at.getTime() + 3_600_000)))).toBe(1);
    expect(await durationsOf(id)).toEqual([{ measure: 'payment_to_decision', seconds: 3_600 }]);
    expect(await drift()).toEqual([]);
  });

  /** Rows the statistics keep that the live tables disagree with, either way. */
  async function drift(): Promise<unknown[]> {
    const { rows } = await client.query(
      `(SELECT application_id, measure, day, province_code, seconds FROM stats_durations
        EXCEPT SELECT * FROM stats_durations_source)
       UNION ALL
       (SELECT * FROM stats_durations_source
        EXCEPT SELECT application_id, measure, day, province_code, seconds FROM stats_durations)`,
    );
    return rows;
  }
});
