import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail. Entries form hash chains, one chain per subject (an application, an
 * account, a shipment), so concurrent work on different subjects never waits on one global lock; each
 * entry holds the hash of the previous entry of its chain. The application role may only read and
 * append: UPDATE, DELETE and TRUNCATE are revoked, so rewriting history needs the owner role.
 */
export class AuditLog1764230420000 implements MigrationInterface {
  name = 'AuditLog1764230420000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        chain text NOT NULL,
        chain_seq integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'system', 'partner', 'provider')),
        actor_id text,
        actor_role text,
        actor_ip text,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        application_id uuid,
        from_state text,
        to_state text,
        reason text,
        data jsonb NOT NULL DEFAULT '{}',
        prev_hash bytea,
        hash bytea NOT NULL,
        UNIQUE (chain, chain_seq)
      )`);
    await q.query(
      `CREATE INDEX audit_log_application_idx ON audit_log (application_id, id) WHERE application_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, occurred_at)`);
    await q.query(`CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at)`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM licence_app`);
    await q.query(`GRANT SELECT, INSERT ON audit_log TO licence_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
  }
}
