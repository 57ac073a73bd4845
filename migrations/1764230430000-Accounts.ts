import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in accounts: citizens (confirmed against the driver record at registration), staff (officer and
 * supervisor bound to one province; auditor and admin national), and the refresh tokens of both.
 * Only the SHA-256 of a refresh token is stored, so a copy of this table cannot be replayed.
 * licence_app gets its grants from the default privileges set by DatabaseRoles.
 */
export class Accounts1764230430000 implements MigrationInterface {
  name = 'Accounts1764230430000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        national_id char(12) NOT NULL UNIQUE CHECK (national_id ~ '^[0-9]{12}$'),
        full_name text NOT NULL,
        date_of_birth date NOT NULL,
        phone text NOT NULL,
        email text,
        password_hash text NOT NULL,
        failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE staff_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username ~ '^[A-Za-z0-9._-]{3,64}$'),
        full_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'auditor', 'admin')),
        province_code char(2) REFERENCES provinces(code),
        national_id char(12) CHECK (national_id ~ '^[0-9]{12}$'),
        disabled_at timestamptz,
        failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Officers and supervisors work for one province; auditors and admins are national.
        CONSTRAINT staff_accounts_province_by_role
          CHECK ((role IN ('officer', 'supervisor')) = (province_code IS NOT NULL))
      )`);
    // Usernames are unique without regard to case: "Lan.Nguyen" and "lan.nguyen" are one person.
    await q.query(`CREATE UNIQUE INDEX staff_accounts_username_key ON staff_accounts (lower(username))`);
    await q.query(
      `CREATE INDEX staff_accounts_national_id_idx ON staff_accounts (national_id) WHERE national_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_kind text NOT NULL CHECK (subject_kind IN ('citizen', 'staff')),
        subject_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid REFERENCES refresh_tokens(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_subject_idx ON refresh_tokens (subject_kind, subject_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE staff_accounts`);
    await q.query(`DROP TABLE citizens`);
  }
}
