import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which append last moved each chain's head: a token the append makes up for each statement. Two
 * entries with the same fields, chain, seq and millisecond have the same link, so a head that ends
 * at the link an append proposed does not show that this append moved it: another transaction may
 * have written the twin a moment before, and inserting the entry then collides with it at that seq.
 * The token does show it (src/audit/audit-chain-heads.ts). Nullable and without a default, so adding
 * it rewrites nothing; heads written before it have none, which no token equals.
 */
export class AuditChainHeadsMovedBy1764231860000 implements MigrationInterface {
  name = 'AuditChainHeadsMovedBy1764231860000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_chain_heads ADD COLUMN moved_by uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_chain_heads DROP COLUMN moved_by`);
  }
}
