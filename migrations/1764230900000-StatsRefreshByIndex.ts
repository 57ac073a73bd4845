import { MigrationInterface, QueryRunner } from 'typeorm';

/** The upsert both versions share: stats_durations made equal to `source` for the given ids. */
const upsertFrom = (source: string) => `
        INSERT INTO stats_durations (application_id, measure, day, province_code, seconds)
        SELECT * FROM ${source}
        ON CONFLICT (application_id, measure) DO UPDATE
          SET day = EXCLUDED.day, province_code = EXCLUDED.province_code, seconds = EXCLUDED.seconds
          WHERE (stats_durations.day, stats_durations.province_code, stats_durations.seconds)
            IS DISTINCT FROM (EXCLUDED.day, EXCLUDED.province_code, EXCLUDED.seconds)`;

/**
 * stats_refresh_durations read the whole of applications and shipments on every call.
 *
 * Its `NOT EXISTS (… stats_durations_source v WHERE v.application_id = d.application_id …)` cannot
 * push a correlated condition into the view's UNION ALL, so Postgres planned an anti join over every
 * paid and decided application: two sequential scans for each payment, decision and delivery, a cost
 * that grew with the table (quadratic over a national run). Now the view is filtered by the ids once,
 * which reaches both branches through the primary key and shipments' unique application_id, and the
 * delete and the upsert both read that one small set.
 */
export class StatsRefreshByIndex1764230900000 implements MigrationInterface {
  name = 'StatsRefreshByIndex1764230900000';

  async up(q: QueryRunner): Promise<void> {
    // The CTE's rows and the ones deleted are disjoint, so one statement may both delete and upsert.
    await q.query(`
      CREATE OR REPLACE FUNCTION stats_refresh_durations(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF cardinality(ids) = 0 THEN RETURN; END IF;
        WITH source AS MATERIALIZED (
          SELECT * FROM stats_durations_source v WHERE v.application_id = ANY (ids)
        ), gone AS (
          DELETE FROM stats_durations d WHERE d.application_id = ANY (ids)
            AND NOT EXISTS (SELECT 1 FROM source s WHERE s.application_id = d.application_id AND s.measure = d.measure)
        )${upsertFrom('source')};
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION stats_refresh_durations(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF cardinality(ids) = 0 THEN RETURN; END IF;
        DELETE FROM stats_durations d WHERE d.application_id = ANY (ids)
          AND NOT EXISTS (SELECT 1 FROM stats_durations_source v
                          WHERE v.application_id = d.application_id AND v.measure = d.measure);
        ${upsertFrom('stats_durations_source v WHERE v.application_id = ANY (ids)')};
      END $$`);
  }
}
