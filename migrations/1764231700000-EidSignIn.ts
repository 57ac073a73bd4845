import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in with the national e-ID (OpenID Connect).
 * - `oidc_sign_in_attempts`: one row per sign-in started in a browser (state, nonce, PKCE verifier),
 *   found by the SHA-256 of a random cookie and deleted when the callback reads it, so a callback can be
 *   used once and only by the browser that started it.
 * - `citizen_eid_links`: which e-ID subject (issuer + sub) signs in to which citizen account.
 * - `oidc_web_sessions`: the ID token behind a web session, sent back to the provider at sign-out
 *   (`id_token_hint`); it goes when the session row goes.
 * - A citizen account made by an e-ID sign-in has no password, and no phone until one is on record.
 */
export class EidSignIn1764231700000 implements MigrationInterface {
  name = 'EidSignIn1764231700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizens ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE citizens ALTER COLUMN phone DROP NOT NULL`);
    await q.query(`
      CREATE TABLE oidc_sign_in_attempts (
        browser_token_hash bytea PRIMARY KEY CHECK (octet_length(browser_token_hash) = 32),
        state text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        next_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX oidc_sign_in_attempts_expires_idx ON oidc_sign_in_attempts (expires_at)`);
    await q.query(`
      CREATE TABLE citizen_eid_links (
        issuer text NOT NULL,
        subject text NOT NULL,
        citizen_id uuid NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
        linked_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      )`);
    await q.query(`CREATE INDEX citizen_eid_links_citizen_idx ON citizen_eid_links (citizen_id)`);
    await q.query(`
      CREATE TABLE oidc_web_sessions (
        session_token_hash bytea PRIMARY KEY REFERENCES web_sessions(token_hash) ON DELETE CASCADE,
        id_token text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_web_sessions`);
    await q.query(`DROP TABLE citizen_eid_links`);
    await q.query(`DROP TABLE oidc_sign_in_attempts`);
    // Fails while accounts made by an e-ID sign-in exist: they have no password to fall back on.
    await q.query(`ALTER TABLE citizens ALTER COLUMN phone SET NOT NULL`);
    await q.query(`ALTER TABLE citizens ALTER COLUMN password_hash SET NOT NULL`);
  }
}
