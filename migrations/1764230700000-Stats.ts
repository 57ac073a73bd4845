import { MigrationInterface, QueryRunner } from 'typeorm';

/** The calendar day the ministry counts in: Vietnam time (UTC+7, no daylight saving). */
const VN_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** A rollup, the table of +1/−1 rows the triggers append to it, and the columns that key both. */
const ROLLUPS = [
  { table: 'stats_daily', key: 'day date, province_code char(2), metric text' },
  { table: 'stats_status', key: 'province_code char(2), status text' },
  // Durations per log-scale bucket; province '00' holds the national histogram.
  { table: 'stats_histogram', key: 'measure text, province_code char(2), day date, bucket smallint' },
];
const columnsOf = (key: string) =>
  key
    .split(',')
    .map((column) => column.trim().split(' ')[0])
    .join(', ');

/** The events an application row stands for, as (day, province_code, metric) rows, for `r` = OLD/NEW/a row. */
const applicationEvents = (r: string) =>
  `stats_application_events(${r}.province_code, ${r}.submitted_at, ${r}.paid_at, ${r}.decided_at, ${r}.due_at, ${r}.issued_at, ${r}.status)`;
const shipmentEvents = (r: string) =>
  `stats_shipment_events(${r}.origin_office, ${r}.picked_up_at, ${r}.delivered_at, ${r}.returned_at)`;

/**
 * Statistics that stay fast at millions of applications, exact and transactional.
 *
 * Counts are rolled up: events per Vietnam day, province and metric (received, paid, approved,
 * rejected, issued, handed to post, delivered …) in `stats_daily`; applications per province and
 * state in `stats_status`. Triggers on applications and shipments never update a rollup row — every
 * transition in a province would queue behind that hot row — they append +1/−1 rows to a `_deltas`
 * table. A worker folds the deltas in (DELETE … RETURNING, so each is folded exactly once) and
 * readers add the deltas not folded yet, so the figures are exact whether or not the fold has run.
 *
 * Percentiles cannot be summed. `stats_durations` keeps one row per application and measure (payment
 * → decision, payment → delivery) on the day it ended, and `stats_histogram` counts those durations
 * per day, province and log-scale bucket (about 5 % wide). A reader finds from the histogram which
 * bucket holds the rank it wants and reads exact values from that bucket only: percentile_cont's
 * answer without sorting every duration of the period.
 */
export class Stats1764230700000 implements MigrationInterface {
  name = 'Stats1764230700000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, key } of ROLLUPS) {
      await q.query(`CREATE TABLE ${table} (${key}, count bigint NOT NULL, PRIMARY KEY (${columnsOf(key)}))`);
      await q.query(
        `CREATE TABLE ${table}_deltas (id bigserial PRIMARY KEY, ${key}, delta integer NOT NULL)`,
      );
    }
    await q.query(`CREATE INDEX stats_daily_deltas_day_idx ON stats_daily_deltas (day)`);
    await q.query(
      `CREATE INDEX stats_histogram_deltas_idx ON stats_histogram_deltas (measure, province_code, day)`,
    );

    // Monotonic in seconds, so a rank's bucket follows from cumulative counts.
    await q.query(`
      CREATE FUNCTION stats_bucket(seconds double precision) RETURNS smallint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT (CASE WHEN seconds < 1 THEN 0 ELSE 1 + floor(ln(seconds) * 20) END)::smallint $$`);
    await q.query(`
      CREATE TABLE stats_durations (
        application_id uuid NOT NULL,
        measure text NOT NULL CHECK (measure IN ('payment_to_decision', 'payment_to_delivery')),
        day date NOT NULL,
        province_code char(2) NOT NULL,
        seconds double precision NOT NULL,
        bucket smallint NOT NULL GENERATED ALWAYS AS (stats_bucket(seconds)) STORED,
        PRIMARY KEY (application_id, measure)
      )`);
    await q.query(
      `CREATE INDEX stats_durations_bucket_idx ON stats_durations (measure, bucket, day) INCLUDE (province_code, seconds)`,
    );
    // What stats_durations should hold, from the live tables (an application_id filter reaches both branches).
    await q.query(`
      CREATE VIEW stats_durations_source AS
        SELECT a.id AS application_id, 'payment_to_decision' AS measure, ${VN_DAY('a.decided_at')} AS day,
          a.province_code, date_part('epoch', a.decided_at - a.paid_at) AS seconds
        FROM applications a WHERE a.paid_at IS NOT NULL AND a.decided_at IS NOT NULL
        UNION ALL
        SELECT s.application_id, 'payment_to_delivery', ${VN_DAY('s.delivered_at')},
          a.province_code, date_part('epoch', s.delivered_at - a.paid_at)
        FROM shipments s JOIN applications a ON a.id = s.application_id
        WHERE a.paid_at IS NOT NULL AND s.delivered_at IS NOT NULL`);
    // Upsert rather than delete-and-insert: two transactions refreshing one application never collide.
    await q.query(`
      CREATE FUNCTION stats_refresh_durations(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF cardinality(ids) = 0 THEN RETURN; END IF;
        DELETE FROM stats_durations d WHERE d.application_id = ANY (ids)
          AND NOT EXISTS (SELECT 1 FROM stats_durations_source v
                          WHERE v.application_id = d.application_id AND v.measure = d.measure);
        INSERT INTO stats_durations (application_id, measure, day, province_code, seconds)
        SELECT * FROM stats_durations_source v WHERE v.application_id = ANY (ids)
        ON CONFLICT (application_id, measure) DO UPDATE
          SET day = EXCLUDED.day, province_code = EXCLUDED.province_code, seconds = EXCLUDED.seconds
          WHERE (stats_durations.day, stats_durations.province_code, stats_durations.seconds)
            IS DISTINCT FROM (EXCLUDED.day, EXCLUDED.province_code, EXCLUDED.seconds);
      END $$`);

    await q.query(`
      CREATE FUNCTION stats_application_events(
        province char(2), submitted timestamptz, paid timestamptz, decided timestamptz,
        due timestamptz, issued timestamptz, status text
      ) RETURNS TABLE (day date, province_code char(2), metric text) LANGUAGE sql STABLE AS $$
        SELECT ${VN_DAY('e.at')}, province, e.metric
        FROM (VALUES
          (submitted, 'received'),
          (paid, 'paid'),
          (decided, CASE WHEN status = 'REJECTED' THEN 'rejected' ELSE 'approved' END),
          (CASE WHEN due IS NOT NULL THEN decided END, 'decided_with_deadline'),
          (CASE WHEN decided <= due THEN decided END, 'decided_within_deadline'),
          (issued, 'issued')
        ) AS e (at, metric)
        WHERE e.at IS NOT NULL
      $$`);
    await q.query(`
      CREATE FUNCTION stats_shipment_events(
        origin char(2), picked_up timestamptz, delivered timestamptz, returned timestamptz
      ) RETURNS TABLE (day date, province_code char(2), metric text) LANGUAGE sql STABLE AS $$
        SELECT ${VN_DAY('e.at')}, origin, e.metric
        FROM (VALUES (picked_up, 'handed_to_post'), (delivered, 'delivered'), (returned, 'returned_to_office'))
          AS e (at, metric)
        WHERE e.at IS NOT NULL
      $$`);

    // Inserts (one row or a bulk import) are summed per statement through their transition table.
    await q.query(`
      CREATE FUNCTION stats_applications_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO stats_daily_deltas (day, province_code, metric, delta)
        SELECT e.day, e.province_code, e.metric, count(*) FROM new_rows n, ${applicationEvents('n')} e
        GROUP BY 1, 2, 3;
        INSERT INTO stats_status_deltas (province_code, status, delta)
        SELECT province_code, status, count(*) FROM new_rows GROUP BY 1, 2;
        INSERT INTO stats_durations (application_id, measure, day, province_code, seconds)
        SELECT id, 'payment_to_decision', ${VN_DAY('decided_at')}, province_code, date_part('epoch', decided_at - paid_at)
        FROM new_rows WHERE paid_at IS NOT NULL AND decided_at IS NOT NULL;
        RETURN NULL;
      END $$`);
    // A changed or deleted row takes back what its old version stood for and adds what the new one does.
    await q.query(`
      CREATE FUNCTION stats_applications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO stats_daily_deltas (day, province_code, metric, delta)
        SELECT c.day, c.province_code, c.metric, sum(c.delta) FROM (
          SELECT e.*, -1 AS delta FROM ${applicationEvents('OLD')} e
          UNION ALL
          SELECT e.*, 1 FROM ${applicationEvents('NEW')} e WHERE TG_OP = 'UPDATE'
        ) c
        GROUP BY 1, 2, 3 HAVING sum(c.delta) <> 0;
        IF TG_OP = 'DELETE' OR (OLD.status, OLD.province_code) IS DISTINCT FROM (NEW.status, NEW.province_code) THEN
          INSERT INTO stats_status_deltas (province_code, status, delta)
          SELECT OLD.province_code, OLD.status, -1
          UNION ALL
          SELECT NEW.province_code, NEW.status, 1 WHERE TG_OP = 'UPDATE';
        END IF;
        IF TG_OP = 'DELETE'
            OR (OLD.paid_at, OLD.decided_at, OLD.province_code) IS DISTINCT FROM (NEW.paid_at, NEW.decided_at, NEW.province_code) THEN
          PERFORM stats_refresh_durations(ARRAY[OLD.id]);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION stats_shipments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO stats_daily_deltas (day, province_code, metric, delta)
        SELECT e.day, e.province_code, e.metric, count(*) FROM new_rows n, ${shipmentEvents('n')} e
        GROUP BY 1, 2, 3;
        INSERT INTO stats_durations (application_id, measure, day, province_code, seconds)
        SELECT a.id, 'payment_to_delivery', ${VN_DAY('n.delivered_at')}, a.province_code,
          date_part('epoch', n.delivered_at - a.paid_at)
        FROM new_rows n JOIN applications a ON a.id = n.application_id
        WHERE n.delivered_at IS NOT NULL AND a.paid_at IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION stats_shipments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO stats_daily_deltas (day, province_code, metric, delta)
        SELECT c.day, c.province_code, c.metric, sum(c.delta) FROM (
          SELECT e.*, -1 AS delta FROM ${shipmentEvents('OLD')} e
          UNION ALL
          SELECT e.*, 1 FROM ${shipmentEvents('NEW')} e WHERE TG_OP = 'UPDATE'
        ) c
        GROUP BY 1, 2, 3 HAVING sum(c.delta) <> 0;
        IF TG_OP = 'DELETE'
            OR (OLD.delivered_at, OLD.application_id) IS DISTINCT FROM (NEW.delivered_at, NEW.application_id) THEN
          PERFORM stats_refresh_durations(ARRAY[OLD.application_id, NEW.application_id]);
        END IF;
        RETURN NULL;
      END $$`);
    // Every change to stats_durations moves its histogram cell, per province and nationally ('00').
    for (const [op, sources] of [
      ['inserted', [['new_rows', 1]]],
      [
        'updated',
        [
          ['new_rows', 1],
          ['old_rows', -1],
        ],
      ],
      ['deleted', [['old_rows', -1]]],
    ] as const) {
      await q.query(`
        CREATE FUNCTION stats_durations_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO stats_histogram_deltas (measure, province_code, day, bucket, delta)
          SELECT c.measure, s.scope, c.day, c.bucket, sum(c.delta) FROM (
            ${sources.map(([rows, sign]) => `SELECT measure, province_code, day, bucket, ${sign} AS delta FROM ${rows}`).join(' UNION ALL ')}
          ) c CROSS JOIN LATERAL (VALUES (c.province_code), ('00')) AS s (scope)
          GROUP BY 1, 2, 3, 4 HAVING sum(c.delta) <> 0;
          RETURN NULL;
        END $$`);
    }

    // Triggers before the backfill: they lock writers out until this transaction commits, so no row
    // is missed or counted twice.
    await q.query(`
      CREATE TRIGGER stats_applications_inserted AFTER INSERT ON applications
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_applications_inserted()`);
    // Updates that touch nothing counted (claims, versions, check runs) are skipped by WHEN for free.
    await q.query(`
      CREATE TRIGGER stats_applications_updated AFTER UPDATE ON applications FOR EACH ROW
        WHEN ((OLD.province_code, OLD.status, OLD.submitted_at, OLD.paid_at, OLD.decided_at, OLD.due_at, OLD.issued_at)
          IS DISTINCT FROM (NEW.province_code, NEW.status, NEW.submitted_at, NEW.paid_at, NEW.decided_at, NEW.due_at, NEW.issued_at))
        EXECUTE FUNCTION stats_applications_changed()`);
    await q.query(`
      CREATE TRIGGER stats_applications_deleted AFTER DELETE ON applications FOR EACH ROW
        EXECUTE FUNCTION stats_applications_changed()`);
    await q.query(`
      CREATE TRIGGER stats_shipments_inserted AFTER INSERT ON shipments
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_shipments_inserted()`);
    await q.query(`
      CREATE TRIGGER stats_shipments_updated AFTER UPDATE ON shipments FOR EACH ROW
        WHEN ((OLD.origin_office, OLD.picked_up_at, OLD.delivered_at, OLD.returned_at, OLD.application_id)
          IS DISTINCT FROM (NEW.origin_office, NEW.picked_up_at, NEW.delivered_at, NEW.returned_at, NEW.application_id))
        EXECUTE FUNCTION stats_shipments_changed()`);
    await q.query(`
      CREATE TRIGGER stats_shipments_deleted AFTER DELETE ON shipments FOR EACH ROW
        EXECUTE FUNCTION stats_shipments_changed()`);
    await q.query(`
      CREATE TRIGGER stats_durations_inserted AFTER INSERT ON stats_durations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_durations_inserted()`);
    await q.query(`
      CREATE TRIGGER stats_durations_updated AFTER UPDATE ON stats_durations
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_durations_updated()`);
    await q.query(`
      CREATE TRIGGER stats_durations_deleted AFTER DELETE ON stats_durations
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_durations_deleted()`);

    // Backfill straight into the rollups (durations through their triggers into the histogram deltas).
    await q.query(`
      INSERT INTO stats_daily (day, province_code, metric, count)
      SELECT e.day, e.province_code, e.metric, count(*) FROM (
        SELECT e.* FROM applications a, ${applicationEvents('a')} e
        UNION ALL
        SELECT e.* FROM shipments s, ${shipmentEvents('s')} e
      ) e
      GROUP BY 1, 2, 3`);
    await q.query(
      `INSERT INTO stats_status SELECT province_code, status, count(*) FROM applications GROUP BY 1, 2`,
    );
    await q.query(
      `INSERT INTO stats_durations (application_id, measure, day, province_code, seconds) SELECT * FROM stats_durations_source`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [prefix, table] of [
      ['stats_durations', 'stats_durations'],
      ['stats_shipments', 'shipments'],
      ['stats_applications', 'applications'],
    ]) {
      for (const op of ['inserted', 'updated', 'deleted'])
        await q.query(`DROP TRIGGER ${prefix}_${op} ON ${table}`);
    }
    for (const fn of [
      'stats_durations_inserted()',
      'stats_durations_updated()',
      'stats_durations_deleted()',
      'stats_shipments_changed()',
      'stats_shipments_inserted()',
      'stats_applications_changed()',
      'stats_applications_inserted()',
      'stats_shipment_events(char, timestamptz, timestamptz, timestamptz)',
      'stats_application_events(char, timestamptz, timestamptz, timestamptz, timestamptz, timestamptz, text)',
      'stats_refresh_durations(uuid[])',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP VIEW stats_durations_source`);
    await q.query(`DROP TABLE stats_durations`);
    await q.query(`DROP FUNCTION stats_bucket(double precision)`);
    for (const { table } of ROLLUPS) await q.query(`DROP TABLE ${table}_deltas, ${table}`);
  }
}
