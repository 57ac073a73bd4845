import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `('READY', 'LEASED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_FAILED', 'RETURNED')`;
const EVENT_TYPES = `('IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_FAILED', 'RETURNED')`;

/**
 * Postal return of the new cards: the postal partners and their API keys (only a SHA-256 of each key is
 * kept), the sequence the S10 serials come from, the shipments partners lease, pick up and report on,
 * and the events they report (one per event id per partner, so a resent event is recognised).
 *
 * `change_xid` is the id of the transaction that last changed a shipment (set by a trigger): the
 * reconciliation feed pages in that order and only up to the oldest transaction still writing, so a
 * page never skips a change that commits late.
 */
export class Postal1764230600000 implements MigrationInterface {
  name = 'Postal1764230600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE postal_partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX postal_partners_name_key ON postal_partners (lower(name))`);
    await q.query(`
      CREATE TABLE postal_partner_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES postal_partners(id),
        key_hash bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX postal_partner_keys_partner_idx ON postal_partner_keys (partner_id)`);

    // S10 serials are 8 digits; running out must fail loudly, never wrap to a used number.
    await q.query(`CREATE SEQUENCE shipment_serial_seq MINVALUE 1 MAXVALUE 99999999 NO CYCLE`);
    await q.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tracking_number text NOT NULL UNIQUE CHECK (tracking_number ~ '^[A-Z]{2}[0-9]{9}[A-Z]{2}$'),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        recipient_name text NOT NULL,
        recipient_phone text NOT NULL,
        recipient_street text NOT NULL,
        recipient_commune text NOT NULL,
        recipient_province_code char(2) NOT NULL REFERENCES provinces(code),
        contents text NOT NULL,
        cash_on_delivery integer NOT NULL CHECK (cash_on_delivery >= 0),
        origin_office char(2) NOT NULL REFERENCES provinces(code),
        status text NOT NULL CHECK (status IN ${STATUSES}),
        partner_id uuid REFERENCES postal_partners(id),
        lease_expires_at timestamptz,
        failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        last_event_at timestamptz,
        picked_up_at timestamptz,
        delivered_at timestamptz,
        returned_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT shipments_leased_has_holder
          CHECK (status <> 'LEASED' OR (partner_id IS NOT NULL AND lease_expires_at IS NOT NULL))
      )`);
    // The pool partners claim from, oldest first; LEASED rows are in it for when their lease runs out.
    await q.query(
      `CREATE INDEX shipments_pool_idx ON shipments (created_at, id) WHERE status IN ('READY', 'LEASED')`,
    );
    await q.query(`CREATE INDEX shipments_partner_feed_idx ON shipments (partner_id, change_xid, id)`);
    await q.query(`
      CREATE FUNCTION shipments_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        NEW.change_xid := pg_current_xact_id();
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER shipments_touch BEFORE UPDATE ON shipments FOR EACH ROW EXECUTE FUNCTION shipments_touch()`,
    );

    await q.query(`
      CREATE TABLE shipment_events (
        id bigserial PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES postal_partners(id),
        event_id text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 100),
        shipment_id uuid NOT NULL REFERENCES shipments(id),
        type text NOT NULL CHECK (type IN ${EVENT_TYPES}),
        occurred_at timestamptz NOT NULL,
        detail text,
        -- MOVED: the event set the shipment's status; LATE: it arrived after a later one and only joins the history.
        effect text NOT NULL CHECK (effect IN ('MOVED', 'LATE')),
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipment_events_once_per_partner UNIQUE (partner_id, event_id)
      )`);
    await q.query(`CREATE INDEX shipment_events_shipment_idx ON shipment_events (shipment_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shipment_events`);
    await q.query(`DROP TABLE shipments`);
    await q.query(`DROP FUNCTION shipments_touch()`);
    await q.query(`DROP SEQUENCE shipment_serial_seq`);
    await q.query(`DROP TABLE postal_partner_keys`);
    await q.query(`DROP TABLE postal_partners`);
  }
}
