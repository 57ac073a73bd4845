import { MigrationInterface, QueryRunner } from 'typeorm';

/** The figures an application stands for: its own columns and its shipment's, in one row. */
const COUNTED_COLUMNS = `application_id, province_code, status, submitted_at, paid_at, decided_at, due_at, issued_at,
  origin_office, picked_up_at, delivered_at, returned_at`;

/** The six per-row and per-statement triggers on the hot tables (their functions stay, for `down`). */
const HOT_TRIGGERS = [
  [
    'stats_applications_inserted',
    `AFTER INSERT ON applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
     EXECUTE FUNCTION stats_applications_inserted()`,
  ],
  [
    'stats_applications_updated',
    `AFTER UPDATE ON applications FOR EACH ROW
     WHEN ((OLD.province_code, OLD.status, OLD.submitted_at, OLD.paid_at, OLD.decided_at, OLD.due_at, OLD.issued_at)
       IS DISTINCT FROM (NEW.province_code, NEW.status, NEW.submitted_at, NEW.paid_at, NEW.decided_at, NEW.due_at, NEW.issued_at))
     EXECUTE FUNCTION stats_applications_changed()`,
  ],
  [
    'stats_applications_deleted',
    `AFTER DELETE ON applications FOR EACH ROW EXECUTE FUNCTION stats_applications_changed()`,
  ],
  [
    'stats_shipments_inserted',
    `AFTER INSERT ON shipments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
     EXECUTE FUNCTION stats_shipments_inserted()`,
  ],
  [
    'stats_shipments_updated',
    `AFTER UPDATE ON shipments FOR EACH ROW
     WHEN ((OLD.origin_office, OLD.picked_up_at, OLD.delivered_at, OLD.returned_at, OLD.application_id)
       IS DISTINCT FROM (NEW.origin_office, NEW.picked_up_at, NEW.delivered_at, NEW.returned_at, NEW.application_id))
     EXECUTE FUNCTION stats_shipments_changed()`,
  ],
  [
    'stats_shipments_deleted',
    `AFTER DELETE ON shipments FOR EACH ROW EXECUTE FUNCTION stats_shipments_changed()`,
  ],
] as const;

/** The current transaction's id, or the oldest one still running, as a plain number (BRIN-indexable). */
const XACT_ID = `pg_current_xact_id()::text::bigint`;
const OLDEST_RUNNING = `pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

/**
 * Statistics without triggers on the hot tables. The Stats migration's triggers on applications and
 * shipments turned every counted change into +1/−1 delta rows inside the writer's transaction: a plain
 * INSERT INTO applications cost 0.34 ms, five times the payment insert beside it.
 *
 * The writer now does nothing more than it did already: every change that counts goes through the
 * write path, which appends an audit entry naming the application in the same transaction. The audit
 * log is the append-only source; each entry carries the id of the transaction that wrote it
 * (`txid`, a default, indexed by BRIN: an append-only log's ids grow with its pages). The worker folds
 * in batches: the applications named by entries of transactions that have all ended
 * (`txid` below the oldest transaction still running: one that commits late is never skipped) are
 * compared with what the statistics counted of them (`stats_counted`), and the difference becomes
 * delta rows; `stats_counted` and the watermark move in the same transaction, and the comparison is a
 * difference of states, so folding an application twice adds nothing. Readers add the difference for
 * the applications named since the watermark, so the figures stay exact at every moment.
 *
 * Why the audit log and not an event table written beside each change: the entries exist already, so
 * a change costs its writer 8 bytes more and no row, statement or B-tree entry; the figures need
 * dates and the shipment's times the entries do not hold, and the fold reads them from the live rows
 * by primary key, once per application and batch. The triggers on stats_durations stay: only the
 * fold writes that table now.
 *
 * Writes outside the write path (imports, repairs by hand, tests) have no audit entry: they call
 * `stats_recount(ids)` for the applications they touched, which counts them at once.
 */
export class StatsFoldedFromAuditLog1764231840000 implements MigrationInterface {
  name = 'StatsFoldedFromAuditLog1764231840000';

  async up(q: QueryRunner): Promise<void> {
    // Triggers first: dropping one waits for the writers in flight, which may still append audit entries.
    for (const [name] of HOT_TRIGGERS) {
      await q.query(
        `DROP TRIGGER ${name} ON ${name.startsWith('stats_shipments') ? 'shipments' : 'applications'}`,
      );
    }
    // No default on the existing rows (no rewrite): they are all counted already. Ranges of 32 pages
    // (about 500 entries): a read of the entries since the last fold touches little more than those.
    await q.query(`ALTER TABLE audit_log ADD COLUMN txid bigint`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN txid SET DEFAULT ${XACT_ID}`);
    await q.query(
      `CREATE INDEX audit_log_txid_idx ON audit_log USING brin (txid) WITH (pages_per_range = 32, autosummarize = on)`,
    );

    await q.query(`
      CREATE TABLE stats_counted (
        application_id uuid PRIMARY KEY,
        province_code char(2) NOT NULL,
        status text NOT NULL,
        submitted_at timestamptz, paid_at timestamptz, decided_at timestamptz, due_at timestamptz,
        issued_at timestamptz,
        origin_office char(2), picked_up_at timestamptz, delivered_at timestamptz, returned_at timestamptz
      )`);
    await q.query(`
      CREATE VIEW stats_counted_source AS
        SELECT a.id AS application_id, a.province_code, a.status, a.submitted_at, a.paid_at, a.decided_at,
          a.due_at, a.issued_at, s.origin_office, s.picked_up_at, s.delivered_at, s.returned_at
        FROM applications a LEFT JOIN shipments s ON s.application_id = a.id`);
    // One row: transactions below `folded_below` have all ended and their applications are counted.
    await q.query(`
      CREATE TABLE stats_fold_state (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        folded_below bigint NOT NULL
      )`);

    // What counting `ids` again changes, from the live tables against stats_counted / stats_durations.
    await q.query(`
      CREATE FUNCTION stats_event_changes(ids uuid[])
        RETURNS TABLE (day date, province_code char(2), metric text, delta bigint) LANGUAGE sql STABLE AS $$
        SELECT e.day, e.province_code, e.metric, sum(c.sign)::bigint
        FROM (
          SELECT v.*, 1 AS sign FROM stats_counted_source v WHERE v.application_id = ANY (ids)
          UNION ALL
          SELECT c.*, -1 FROM stats_counted c WHERE c.application_id = ANY (ids)
        ) c
        CROSS JOIN LATERAL (
          SELECT * FROM stats_application_events(c.province_code, c.submitted_at, c.paid_at, c.decided_at,
            c.due_at, c.issued_at, c.status)
          UNION ALL
          SELECT * FROM stats_shipment_events(c.origin_office, c.picked_up_at, c.delivered_at, c.returned_at)
        ) e
        GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0
      $$`);
    await q.query(`
      CREATE FUNCTION stats_status_changes(ids uuid[])
        RETURNS TABLE (province_code char(2), status text, delta bigint) LANGUAGE sql STABLE AS $$
        SELECT c.province_code, c.status, sum(c.sign)::bigint FROM (
          SELECT a.province_code, a.status, 1 AS sign FROM applications a WHERE a.id = ANY (ids)
          UNION ALL
          SELECT c.province_code, c.status, -1 FROM stats_counted c WHERE c.application_id = ANY (ids)
        ) c
        GROUP BY 1, 2 HAVING sum(c.sign) <> 0
      $$`);
    await q.query(`
      CREATE FUNCTION stats_histogram_changes(ids uuid[])
        RETURNS TABLE (measure text, province_code char(2), day date, bucket smallint, delta bigint)
        LANGUAGE sql STABLE AS $$
        SELECT c.measure, s.scope, c.day, c.bucket, sum(c.sign)::bigint FROM (
          SELECT v.measure, v.province_code, v.day, stats_bucket(v.seconds) AS bucket, 1 AS sign
          FROM stats_durations_source v WHERE v.application_id = ANY (ids)
          UNION ALL
          SELECT d.measure, d.province_code, d.day, d.bucket, -1 FROM stats_durations d WHERE d.application_id = ANY (ids)
        ) c CROSS JOIN LATERAL (VALUES (c.province_code), ('00')) AS s (scope)
        GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0
      $$`);

    // Applications named in the audit log since the watermark: what readers add, what the next fold counts.
    // PL/pgSQL so the watermark is a known value when the BRIN scan is planned. STABLE: the caller's snapshot.
    await q.query(`
      CREATE FUNCTION stats_unfolded() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
      DECLARE
        since bigint := (SELECT folded_below FROM stats_fold_state);
      BEGIN
        RETURN (SELECT coalesce(array_agg(DISTINCT l.application_id), '{}') FROM audit_log l
                WHERE l.txid >= since AND l.application_id IS NOT NULL);
      END $$`);

    // What readers sum: the rollup, the deltas not folded yet, and what counting the applications named
    // since the watermark would change. Filters on the columns reach every branch.
    for (const [view, columns, changes] of [
      ['stats_daily_cells', 'day, province_code, metric', 'stats_event_changes'],
      ['stats_status_cells', 'province_code, status', 'stats_status_changes'],
      ['stats_histogram_cells', 'measure, province_code, day, bucket', 'stats_histogram_changes'],
    ]) {
      const rollup = view.replace('_cells', '');
      await q.query(`
        CREATE VIEW ${view} AS
          WITH unfolded AS MATERIALIZED (SELECT stats_unfolded() AS ids)
          SELECT ${columns}, count AS n FROM ${rollup}
          UNION ALL
          SELECT ${columns}, delta FROM ${rollup}_deltas
          UNION ALL
          SELECT ${columns.replace(/(\w+)/g, 'c.$1')}, c.delta FROM unfolded u CROSS JOIN LATERAL ${changes}(u.ids) c`);
    }

    // Counts `ids` again: their deltas and their new counted state come from one statement, one snapshot.
    // The caller holds the stats_fold_state row, so two recounts of one application never interleave.
    await q.query(`
      CREATE FUNCTION stats_recount_locked(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        timed uuid[];
      BEGIN
        IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
        WITH events AS (
          INSERT INTO stats_daily_deltas (day, province_code, metric, delta) SELECT * FROM stats_event_changes(ids)
        ), states AS (
          INSERT INTO stats_status_deltas (province_code, status, delta) SELECT * FROM stats_status_changes(ids)
        ), gone AS (
          DELETE FROM stats_counted c WHERE c.application_id = ANY (ids)
            AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.id = c.application_id)
        )
        INSERT INTO stats_counted (${COUNTED_COLUMNS})
        SELECT ${COUNTED_COLUMNS} FROM stats_counted_source v WHERE v.application_id = ANY (ids)
        ON CONFLICT (application_id) DO UPDATE SET (${COUNTED_COLUMNS}) = ROW (EXCLUDED.*)
          WHERE stats_counted IS DISTINCT FROM EXCLUDED;
        -- A duration exists once paid and decided or delivered: the others have none to add or take back.
        SELECT array_agg(DISTINCT t.application_id) INTO timed FROM (
          SELECT v.application_id FROM stats_durations_source v WHERE v.application_id = ANY (ids)
          UNION ALL
          SELECT d.application_id FROM stats_durations d WHERE d.application_id = ANY (ids)
        ) t;
        IF timed IS NOT NULL THEN PERFORM stats_refresh_durations(timed); END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION stats_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM stats_fold_state FOR UPDATE;
        PERFORM stats_recount_locked(ids);
      END $$`);
    // One batch of the fold: at most \`span\` transactions' entries. Returns the applications counted again
    // and whether ended transactions are left for another batch. A second folder waits on the state row,
    // then reads the watermark the first one left (READ COMMITTED re-reads a row it waited for).
    await q.query(`
      CREATE FUNCTION stats_fold_audit(span bigint, OUT applications integer, OUT more boolean)
        LANGUAGE plpgsql AS $$
      DECLARE
        since bigint;
        ended bigint;
        upto bigint;
        ids uuid[];
      BEGIN
        SELECT folded_below INTO since FROM stats_fold_state FOR UPDATE;
        ended := ${OLDEST_RUNNING};
        upto := least(ended, since + span);
        SELECT coalesce(array_agg(DISTINCT l.application_id), '{}') INTO ids FROM audit_log l
        WHERE l.txid >= since AND l.txid < upto AND l.application_id IS NOT NULL;
        PERFORM stats_recount_locked(ids);
        IF upto > since THEN UPDATE stats_fold_state SET folded_below = upto; END IF;
        applications := cardinality(ids);
        more := upto < ended;
      END $$`);

    // Writers are locked out until this commits (the DROP TRIGGERs above): the live rows are what the
    // rollups count, and any transaction from here on is at or above the watermark.
    await q.query(
      `INSERT INTO stats_counted (${COUNTED_COLUMNS}) SELECT ${COUNTED_COLUMNS} FROM stats_counted_source`,
    );
    await q.query(`INSERT INTO stats_fold_state (folded_below) VALUES (${OLDEST_RUNNING})`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Writers wait while everything is counted and the triggers come back: they take over exact rollups.
    await q.query(`LOCK TABLE applications, shipments IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      SELECT stats_recount(coalesce(array_agg(id), '{}')) FROM (
        SELECT id FROM applications UNION SELECT application_id FROM stats_counted
      ) all_ids`);
    for (const view of ['stats_histogram_cells', 'stats_status_cells', 'stats_daily_cells']) {
      await q.query(`DROP VIEW ${view}`);
    }
    for (const fn of [
      'stats_fold_audit(bigint)',
      'stats_recount(uuid[])',
      'stats_recount_locked(uuid[])',
      'stats_unfolded()',
      'stats_histogram_changes(uuid[])',
      'stats_status_changes(uuid[])',
      'stats_event_changes(uuid[])',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP TABLE stats_fold_state`);
    await q.query(`DROP VIEW stats_counted_source`);
    await q.query(`DROP TABLE stats_counted`);
    await q.query(`DROP INDEX audit_log_txid_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN txid`);
    for (const [name, definition] of HOT_TRIGGERS) await q.query(`CREATE TRIGGER ${name} ${definition}`);
  }
}
