import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { auditKeyFrom } from '../audit/audit-hash';
import { describeProblem } from '../audit/audit-problems';
import { AuditVerification, verifyAuditLog } from '../audit/audit-verifier';
import { checkpointStoreFor } from '../audit/checkpoints/audit-checkpoint-store';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';

const USAGE = `usage: npm run audit:verify -- [--checkpoint NAME]... [--all-checkpoints] [--no-checkpoints] [--json]

Walks every chain of the audit log to its end, recomputing each entry's keyed hash (AUDIT_HMAC_KEY),
and checks the log against the newest signed checkpoint in AUDIT_CHECKPOINT_DIR (or the ones named,
or all of them). Lists every bad entry and chain: its kind, chain, seq, entry id and why.

  --checkpoint NAME    check against this checkpoint (a file name in AUDIT_CHECKPOINT_DIR); repeatable
  --all-checkpoints    check against every checkpoint, not only the newest
  --no-checkpoints     check the chains only
  --json               print the whole result as JSON on standard output

Exit codes: 0 the log is intact, 3 tampering found (every problem listed), 1 could not run
(database, configuration or checkpoint directory unreadable), 2 wrong usage.`;

class UsageError extends Error {}

function options() {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        checkpoint: { type: 'string', multiple: true },
        'all-checkpoints': { type: 'boolean' },
        'no-checkpoints': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const chosen = [values.checkpoint, values['all-checkpoints'], values['no-checkpoints']].filter(Boolean);
    if (chosen.length > 1)
      throw new UsageError('--checkpoint, --all-checkpoints and --no-checkpoints exclude each other');
    return values;
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
}

/** npm run audit:verify — exit 0 intact, 3 tampering found (every bad entry listed), 1 could not run, 2 usage. */
async function main(): Promise<number> {
  const args = options();
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const env = loadEnvironment();
  const store = args['no-checkpoints'] ? null : checkpointStoreFor(env);
  if (args.checkpoint && !store) throw new UsageError('--checkpoint needs AUDIT_CHECKPOINT_DIR to be set');
  const db = await new DataSource(dataSourceOptions(env)).initialize();
  try {
    const result = await verifyAuditLog(db, {
      key: auditKeyFrom(env.AUDIT_HMAC_KEY),
      store,
      checkpoints: args.checkpoint ?? (args['all-checkpoints'] ? 'all' : 'latest'),
    });
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else report(result, store !== null);
    return result.intact ? 0 : 3;
  } finally {
    await db.destroy();
  }
}

function report(result: AuditVerification, checkpointsOn: boolean): void {
  const counted =
    `${result.entriesChecked} entries in ${result.chainsChecked} chains` +
    (result.unkeyedEntries ? ` (${result.unkeyedEntries} with legacy unkeyed links)` : '');
  const against = result.checkpoints.length
    ? `against checkpoint ${result.checkpoints.map((c) => c.location).join(', ')}`
    : checkpointsOn
      ? 'against no checkpoint (none written yet)'
      : 'against no checkpoint (AUDIT_CHECKPOINT_DIR unset: deleted newest entries cannot be seen)';
  if (result.intact) {
    console.log(`Audit log intact: ${counted} verified ${against}.`);
    return;
  }
  for (const problem of result.problems) console.error(describeProblem(problem));
  console.error(
    `Audit log TAMPERED: ${result.problems.length} problems found in ${counted}, checked ${against}.`,
  );
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
