import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { verifyAuditLog } from '../audit/audit-verifier';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';

/** npm run audit:verify — exit 0 when every chain holds, 4 naming the first bad entry otherwise. */
async function main(): Promise<void> {
  const db = await new DataSource(dataSourceOptions(loadEnvironment())).initialize();
  try {
    const result = await verifyAuditLog(db);
    if (result.firstBad) {
      const b = result.firstBad;
      console.error(`Audit log BROKEN at entry id ${b.id} (chain ${b.chain}, #${b.chainSeq}): ${b.problem}.`);
      console.error(`${result.entriesChecked} entries before it verified.`);
      process.exitCode = 4;
    } else {
      console.log(
        `Audit log intact: ${result.entriesChecked} entries in ${result.chainsChecked} chains verified.`,
      );
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
