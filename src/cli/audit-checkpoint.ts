import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { auditKeyFrom } from '../audit/audit-hash';
import { checkpointStoreFor } from '../audit/checkpoints/audit-checkpoint-store';
import { CheckpointRefused, writeAuditCheckpoint } from '../audit/checkpoints/write-audit-checkpoint';
import { describeProblem } from '../audit/audit-problems';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';

const USAGE = `usage: npm run audit:checkpoint [-- --force]

Writes a signed checkpoint of the audit log into AUDIT_CHECKPOINT_DIR: for every chain its last seq
and hash, and the number of entries, read in one snapshot (workers also write one every
AUDIT_CHECKPOINT_INTERVAL_SECONDS). npm run audit:verify checks the log against the newest.
It first checks the log against the newest checkpoint and writes nothing if they disagree (a new
checkpoint would hide a truncated chain).

  --force    write even though the log contradicts the newest checkpoint (once that was investigated,
             or after AUDIT_HMAC_KEY was changed)

Exit codes: 0 written, 3 the log contradicts the newest checkpoint (nothing written; run audit:verify),
4 another process is writing one right now (nothing written), 1 could not run (AUDIT_CHECKPOINT_DIR
unset or unwritable, database unreachable), 2 wrong usage.`;

/** npm run audit:checkpoint — exit 0 written, 3 refused (log contradicts the newest), 4 locked, 1 could not run, 2 usage. */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--force');
  if (unknown.length) {
    console.error(`unexpected arguments: ${unknown.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const env = loadEnvironment();
  const store = checkpointStoreFor(env);
  if (!store) throw new Error('AUDIT_CHECKPOINT_DIR is not set: there is nowhere to write checkpoints');
  const db = await new DataSource(dataSourceOptions(env)).initialize();
  try {
    const written = await writeAuditCheckpoint(db, store, auditKeyFrom(env.AUDIT_HMAC_KEY), {
      force: args.includes('--force'),
    }).catch((error: unknown) => {
      if (!(error instanceof CheckpointRefused)) throw error;
      for (const problem of error.problems) console.error(describeProblem(problem));
      console.error(`Refused: ${error.message}`);
      return 'refused' as const;
    });
    if (written === 'refused') return 3;
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
    console.error(
      `audit:checkpoint could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
