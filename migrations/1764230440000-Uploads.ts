import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portrait photos uploaded by citizens, metadata stripped and re-encoded before they are stored. The
 * default PhotoStorage keeps the bytes here too. An upload belongs to its uploader and is used by at
 * most one application: used_at and used_by_application_id are set together, once.
 */
export class Uploads1764230440000 implements MigrationInterface {
  name = 'Uploads1764230440000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE uploads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_citizen_id uuid NOT NULL REFERENCES citizens(id),
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
        bytes bytea NOT NULL,
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        size integer NOT NULL CHECK (size > 0),
        sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        used_by_application_id uuid,
        CONSTRAINT uploads_used_together CHECK ((used_at IS NULL) = (used_by_application_id IS NULL))
      )`);
    await q.query(`CREATE INDEX uploads_owner_idx ON uploads (owner_citizen_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE uploads`);
  }
}
