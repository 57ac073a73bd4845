import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { auditKeyFrom } from '../audit/audit-hash';
import { checkpointStoreFor } from '../audit/checkpoints/audit-checkpoint-store';
import { writeAuditCheckpoint } from '../audit/checkpoints/write-audit-checkpoint';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';

const USAGE = `usage: npm run audit:checkpoint

Writes a signed checkpoint of the audit log into AUDIT_CHECKPOINT_DIR: for every chain its last seq
and hash, and the number of entries, read in one snapshot (workers also write one every
AUDIT_CHECKPOINT_INTERVAL_SECONDS). npm run audit:verify checks the log against the newest.

Exit codes: 0 written, 4 another process is writing one right now (nothing written), 1 could not run
(AUDIT_CHECKPOINT_DIR unset or unwritable, database unreachable), 2 wrong usage.`;

/** npm run audit:checkpoint — exit 0 written, 4 another writer holds the lock, 1 could not run, 2 usage. */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.length) {
    console.error(`unexpected arguments: ${args.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const env = loadEnvironment();
  const store = checkpointStoreFor(env);
  if (!store) throw new Error('AUDIT_CHECKPOINT_DIR is not set: there is nowhere to write checkpoints');
  const db = await new DataSource(dataSourceOptions(env)).initialize();
  try {
    const written = await writeAuditCheckpoint(db, store, auditKeyFrom(env.AUDIT_HMAC_KEY));
    if (!written) {
      console.error('Another process is writing a checkpoint right now; nothing written.');
      return 4;
    }
    console.log(
      `Checkpoint ${store.locate(written.name)}: ${written.chains} chains, ${written.entries} entries.`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`audit:checkpoint could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
