import { MigrationInterface, QueryRunner } from 'typeorm';

const events = (r: string) =>
  `stats_application_events(${r}.province_code, ${r}.submitted_at, ${r}.paid_at, ${r}.decided_at, ${r}.due_at, ${r}.issued_at, ${r}.status)`;

/** stats_applications_changed as the Stats migration made it, with `refresh` as its durations step. */
const changedFunction = (refresh: string) => `
  CREATE OR REPLACE FUNCTION stats_applications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO stats_daily_deltas (day, province_code, metric, delta)
    SELECT c.day, c.province_code, c.metric, sum(c.delta) FROM (
      SELECT e.*, -1 AS delta FROM ${events('OLD')} e
      UNION ALL
      SELECT e.*, 1 FROM ${events('NEW')} e WHERE TG_OP = 'UPDATE'
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
      ${refresh}
    END IF;
    RETURN NULL;
  END $$`;

/**
 * The statistics trigger on applications refreshed the application's durations on every payment,
 * though a duration only exists once there is a decision (payment → decision) or a shipment
 * (payment → delivery, and a card is only posted after a decision). An application neither decided
 * before nor after the change, and with no shipment, has no duration to add or take back: the
 * refresh (about 0.9 ms in a national replay, one call in two) is skipped for it.
 */
export class StatsDurationsOnlyAfterDecision1764230910000 implements MigrationInterface {
  name = 'StatsDurationsOnlyAfterDecision1764230910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      changedFunction(`
      IF OLD.decided_at IS NOT NULL OR NEW.decided_at IS NOT NULL
          OR EXISTS (SELECT 1 FROM shipments s WHERE s.application_id = OLD.id) THEN
        PERFORM stats_refresh_durations(ARRAY[OLD.id]);
      END IF;`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(changedFunction(`PERFORM stats_refresh_durations(ARRAY[OLD.id]);`));
  }
}
