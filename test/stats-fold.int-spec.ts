import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { StatsRollup } from '../src/stats/stats-rollup';
import { StatsRepository } from '../src/stats/stats.repository';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The statistics are folded from the audit log, not kept by triggers: a change counts once the
 * transaction that made it has ended, whatever order transactions commit in, exactly once however
 * often the fold runs, and readers see it the moment it commits.
 */
describe('statistics folded from the audit log', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let rollup: StatsRollup;
  let citizenId: string;
  const writers: Client[] = [];
  const seq = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 4 })).initialize();
    rollup = new StatsRollup(ds);
    [{ id: citizenId }] = await ds.query<{ id: string }[]>(
      `INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
       VALUES ('079090123457', 'Trần Thị Bình', '1990-02-03', '0912345678', 'not-a-hash') RETURNING id`,
    );
    for (let i = 0; i < 2; i++) {
      const writer = new Client({ connectionString: db.url });
      await writer.connect();
      writers.push(writer);
    }
  });
  afterAll(async () => {
    await Promise.all(writers.map((w) => w.end()));
    await ds?.destroy();
    await db?.drop();
  });

  /** What the write path writes with every change that counts: an audit entry naming the application. */
  async function audited(writer: Client, id: string, action: string): Promise<void> {
    const n = (seq.get(id) ?? 0) + 1;
    seq.set(id, n);
    await writer.query(
      `INSERT INTO audit_log (chain, chain_seq, occurred_at, actor_kind, action, subject_type, subject_id,
         application_id, hash, hash_alg)
       VALUES ('application:' || $1, $2, now(), 'system', $3, 'application', $1, $1::uuid, '\\x00', 'hmac-sha256')`,
      [id, n, action],
    );
  }

  /** A submission as the write path makes it, in the writer's open transaction. */
  async function submit(writer: Client, reference: string): Promise<string> {
    const { rows } = await writer.query<{ id: string }>(
      `INSERT INTO applications (reference, citizen_id, national_id, type, licence_number, delivery, province_code,
         status, fee_amount, postal_fee, total_amount, payment_due_by)
       VALUES ($1, $2, '079090123457', 'RENEWAL', $3, '{"method":"OFFICE"}', '79', 'AWAITING_PAYMENT',
         115000, 0, 115000, now() + interval '1 day')
       RETURNING id`,
      [reference, citizenId, reference.replace(/\D/g, '').padStart(12, '0')],
    );
    await audited(writer, rows[0].id, 'SUBMIT');
    return rows[0].id;
  }

  /** The id of the writer's open transaction. */
  const xactOf = async (writer: Client) =>
    Number((await writer.query<{ x: string }>(`SELECT pg_current_xact_id()::text AS x`)).rows[0].x);
  /**
   * Folds until transaction `xid` is below the watermark. The watermark is the oldest transaction still
   * running in the whole cluster, so other databases' work on a shared test server can hold it back a moment.
   */
  async function foldPast(xid: number): Promise<void> {
    const until = Date.now() + 30_000;
    for (;;) {
      await rollup.fold();
      const [{ below }] = await ds.query<{ below: string }[]>(
        `SELECT folded_below AS below FROM stats_fold_state`,
      );
      if (Number(below) > xid) return;
      if (Date.now() > until) throw new Error(`the fold did not pass transaction ${xid} in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Applications per state as readers see them (rollup, unfolded deltas and unfolded audit entries). */
  const read = async () => byStatus(`SELECT status, n FROM stats_status_cells`);
  /** Applications per state in the rollup and its deltas alone: what the fold has counted. */
  const folded = async () =>
    byStatus(
      `SELECT status, count AS n FROM stats_status UNION ALL SELECT status, delta FROM stats_status_deltas`,
    );
  const truth = async () => byStatus(`SELECT status, 1 AS n FROM applications`);
  async function byStatus(cells: string): Promise<Record<string, number>> {
    const rows = await ds.query<{ status: string; n: string }[]>(
      `SELECT status, sum(n) AS n FROM (${cells}) c GROUP BY status HAVING sum(n) <> 0 ORDER BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  it('counts a transaction that commits after a later one has been folded, and each change once', async () => {
    const [early, late] = writers;
    await early.query('BEGIN');
    const first = await submit(early, 'FOLD-1');
    await late.query('BEGIN');
    await submit(late, 'FOLD-2');
    const lateXact = await xactOf(late);
    await late.query('COMMIT');

    expect(await read()).toEqual({ AWAITING_PAYMENT: 1 });
    await rollup.fold();
    // The later transaction ended, but an earlier one is still open: nothing above it is folded yet.
    expect(await folded()).toEqual({});
    expect(await read()).toEqual({ AWAITING_PAYMENT: 1 });

    await early.query(`UPDATE applications SET status = 'CHECKING', paid_at = now() WHERE id = $1`, [first]);
    await audited(early, first, 'PAY');
    const last = Math.max(await xactOf(early), lateXact);
    await early.query('COMMIT');
    expect(await read()).toEqual({ AWAITING_PAYMENT: 1, CHECKING: 1 });

    await foldPast(last);
    expect(await folded()).toEqual(await truth());
    expect(await folded()).toEqual({ AWAITING_PAYMENT: 1, CHECKING: 1 });
    const [{ unfolded }] = await ds.query<{ unfolded: string[] }[]>(`SELECT stats_unfolded() AS unfolded`);
    expect(unfolded).toEqual([]);

    // Again, and counted again by hand: nothing is added twice.
    await rollup.fold();
    await ds.query(`SELECT stats_recount(array_agg(id)) FROM applications`);
    expect(await folded()).toEqual({ AWAITING_PAYMENT: 1, CHECKING: 1 });
    const events = await ds.query<{ metric: string; n: string }[]>(
      `SELECT metric, sum(n) AS n FROM stats_daily_cells GROUP BY metric HAVING sum(n) <> 0 ORDER BY metric`,
    );
    expect(events.map((e) => [e.metric, Number(e.n)])).toEqual([
      ['paid', 1],
      ['received', 2],
    ]);
  });

  it('gives processing times at once, before and after the fold', async () => {
    const [writer] = writers;
    const [{ id }] = await ds.query<{ id: string }[]>(
      `SELECT id FROM applications WHERE reference = 'FOLD-1'`,
    );
    await writer.query('BEGIN');
    await writer.query(
      `UPDATE applications SET status = 'APPROVED', decided_at = paid_at + interval '3 hours' WHERE id = $1`,
      [id],
    );
    await audited(writer, id, 'APPROVE');
    const approved = await xactOf(writer);
    await writer.query('COMMIT');

    const stats = new StatsRepository(ds);
    const period = { from: null, to: '2099-12-31' };
    const expected = { count: 1, p50Seconds: 10_800, p90Seconds: 10_800 };
    expect(await stats.durations('payment_to_decision', period, '79')).toEqual(expected);
    const received = async () =>
      (await stats.eventCounts(period, '79', ['received', 'approved'], false))
        .filter((r) => r.level === 'total')
        .map((r) => [r.metric, r.n]);
    expect(await received()).toEqual(expect.arrayContaining([['approved', 1]]));

    await foldPast(approved);
    expect(await stats.durations('payment_to_decision', period, '79')).toEqual(expected);
    expect(await stats.durations('payment_to_decision', period, null)).toEqual(expected);
    expect(await received()).toEqual(
      expect.arrayContaining([
        ['approved', 1],
        ['received', 2],
      ]),
    );
    expect(await folded()).toEqual(await truth());
  });
});
