import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-ins end for good: `sessions_valid_after` on each account refuses every access token issued and
 * every web session started before it (set when staff are disabled; re-enabling does not clear it).
 * The per-account lockout columns go: wrong passwords are throttled per submitted ID in Redis instead,
 * so they can no longer sign the owner out or reveal which IDs have accounts.
 */
export class SessionsValidAfter1764231300000 implements MigrationInterface {
  name = 'SessionsValidAfter1764231300000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['citizens', 'staff_accounts']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN sessions_valid_after timestamptz,
          DROP COLUMN failed_logins,
          DROP COLUMN locked_until`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['citizens', 'staff_accounts']) {
      await q.query(`
        ALTER TABLE ${table}
          DROP COLUMN sessions_valid_after,
          ADD COLUMN failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
          ADD COLUMN locked_until timestamptz`);
    }
  }
}
