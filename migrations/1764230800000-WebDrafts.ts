import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web pages' server-side state. `web_sessions`: one row per browser sign-in; the cookie holds a
 * random token and only its SHA-256 is kept, so a leaked table signs no one in. `web_drafts`: the
 * application a citizen is filling in page by page, kept on the server so no personal data travels
 * in URLs; one per citizen, so it survives signing out and back in.
 */
export class WebDrafts1764230800000 implements MigrationInterface {
  name = 'WebDrafts1764230800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
        subject_kind text NOT NULL CHECK (subject_kind IN ('citizen', 'staff')),
        subject_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX web_sessions_subject_idx ON web_sessions (subject_kind, subject_id)`);
    await q.query(`CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at)`);
    await q.query(`
      CREATE TABLE web_drafts (
        citizen_id uuid PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
        data jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_drafts`);
    await q.query(`DROP TABLE web_sessions`);
  }
}
