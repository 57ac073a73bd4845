import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { DomainError } from '../common/errors/domain-error';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';
import { ensurePartner, issuePartnerKey } from '../postal/partners/postal-partner-admin';
import { PostalPartnersRepository } from '../postal/partners/postal-partners.repository';

/**
 * npm run postal:partner -- --name NAME
 * Creates the postal partner if it does not exist yet and issues it a new API key. The key alone goes
 * to standard output (KEY=$(npm run -s postal:partner -- --name X) works); the rest to standard error.
 * Older keys stay valid: revoke them with DELETE /api/v1/admin/postal-partners/{id}/keys/{keyId}.
 * Exit code 0: done; 2: wrong usage; 1: failed.
 */
const USAGE = 'usage: npm run postal:partner -- --name NAME';

class UsageError extends Error {}

async function main(): Promise<void> {
  let name: string | undefined;
  try {
    name = parseArgs({ args: process.argv.slice(2), options: { name: { type: 'string' } } }).values.name;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!name) throw new UsageError('--name is required');
  const db = await new DataSource(dataSourceOptions(loadEnvironment())).initialize();
  try {
    const deps = { partners: new PostalPartnersRepository(), audit: new AuditLog() };
    const actor = { kind: 'system' as const, id: 'cli:postal-partner', role: 'operator' };
    const { partner, created, key } = await db.transaction(async (tx) => {
      const ensured = await ensurePartner(tx, deps, name, actor);
      return { ...ensured, key: await issuePartnerKey(tx, deps, ensured.partner.id, actor) };
    });
    console.error(
      `${created ? 'Created' : 'Found'} postal partner "${partner.name}" (id ${partner.id}); ` +
        `new API key ${key.prefix}… (id ${key.id}). Store the key now: it is not shown again.`,
    );
    console.log(key.key);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof DomainError) {
    console.error(error.detail);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
