import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each audit chain's newest entry (seq and link) in a row of its own, kept by the append in the same
 * statement as the entry (src/audit/audit-chain-heads.ts). The row is the chain's lock: appending
 * upserts it, and `INSERT … ON CONFLICT DO UPDATE` waits for a concurrent appender, then works on the
 * newest committed row and returns it, so the lock and the head read are one statement (an advisory
 * lock could not be: the head's SELECT took its snapshot before the lock was granted).
 *
 * The row is a cache of what audit_log holds, not evidence: the verifier still walks audit_log, the
 * unique (chain, chain_seq) still refuses a second entry at a seq, and a head edited by hand makes
 * the next entry link to the wrong hash, which audit:verify names. The application role may read,
 * insert and update heads, never delete them.
 *
 * Existing chains get their head from audit_log here; the table is locked against appends meanwhile
 * (a writer of the previous release still running would append without moving the head: stop the
 * old writers before migrating, as for every migration).
 */
export class AuditChainHeads1764231830000 implements MigrationInterface {
  name = 'AuditChainHeads1764231830000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain text PRIMARY KEY,
        seq integer NOT NULL CHECK (seq > 0),
        hash bytea NOT NULL
      )`);
    await q.query(`LOCK TABLE audit_log IN SHARE MODE`);
    await q.query(`
      INSERT INTO audit_chain_heads (chain, seq, hash)
      SELECT DISTINCT ON (chain) chain, chain_seq, hash FROM audit_log ORDER BY chain, chain_seq DESC`);
    await q.query(`REVOKE DELETE, TRUNCATE ON audit_chain_heads FROM licence_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO licence_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_heads`);
  }
}
