import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit links become keyed (HMAC-SHA256 with AUDIT_HMAC_KEY, a secret the database does not hold).
 * Each entry records how its link was computed in `hash_alg`: the entries already written keep their
 * plain SHA-256 links and are marked 'sha256'; the column then has no default, so every writer states
 * its algorithm and the service always writes 'hmac-sha256'.
 *
 * Why not re-key the old entries here: a migration runs as the owner and would need the application's
 * secret, and rewriting every existing link is exactly the operation the log exists to expose. Old
 * entries stay verifiable as they are; what keeps them honest now is (1) the verifier refuses an
 * unkeyed entry after a keyed one in a chain, (2) every checkpoint (signed, outside the database) pins
 * each chain's head and records the highest id of an unkeyed entry, so an owner who rewrites old
 * chains with SHA-256, or passes a new entry off as old, is named by audit:verify. The partial index
 * finds that highest id at once; it holds only the old rows, so appends never touch it.
 */
export class AuditKeyedHashes1764231100000 implements MigrationInterface {
  name = 'AuditKeyedHashes1764231100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE audit_log ADD COLUMN hash_alg text NOT NULL DEFAULT 'sha256'
         CONSTRAINT audit_log_hash_alg_check CHECK (hash_alg IN ('sha256', 'hmac-sha256'))`,
    );
    await q.query(`ALTER TABLE audit_log ALTER COLUMN hash_alg DROP DEFAULT`);
    await q.query(`CREATE INDEX audit_log_unkeyed_idx ON audit_log (id) WHERE hash_alg = 'sha256'`);
    // The column is covered by the table's grants: licence_app may still only SELECT and INSERT.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_unkeyed_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN hash_alg`);
  }
}
