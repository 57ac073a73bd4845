import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two roles, as OpenCRVS does: the role that runs migrations owns the tables; the application logs in
 * as `licence_app`, which may read and write the working tables but (see the audit migration) only
 * append to the audit log. Roles are cluster-wide, so they are created only when missing.
 */
export class DatabaseRoles1764230410000 implements MigrationInterface {
  name = 'DatabaseRoles1764230410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'licence_app') THEN
          CREATE ROLE licence_app LOGIN;
        END IF;
      END $$`);
    await q.query(`GRANT CONNECT, TEMPORARY ON DATABASE "${await this.database(q)}" TO licence_app`);
    await q.query(`GRANT USAGE ON SCHEMA public TO licence_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO licence_app`);
    await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO licence_app`);
    // Tables and sequences later migrations create get the same grants; the audit log revokes its own.
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO licence_app`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO licence_app`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM licence_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM licence_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM licence_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM licence_app`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM licence_app`);
    await q.query(`REVOKE ALL ON DATABASE "${await this.database(q)}" FROM licence_app`);
    // The role itself stays: other databases in the cluster may still use it.
  }

  private async database(q: QueryRunner): Promise<string> {
    const [{ name }] = (await q.query(`SELECT current_database() AS name`)) as { name: string }[];
    return name.replace(/"/g, '""');
  }
}
