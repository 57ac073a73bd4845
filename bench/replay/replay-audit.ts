import type { Client } from 'pg';
import { auditKeyFrom } from '../../src/audit/audit-hash';
import { describeProblem } from '../../src/audit/audit-problems';
import { verifyAuditLog } from '../../src/audit/audit-verifier';

export interface ReplayAuditCheck {
  intact: boolean;
  entries: number;
  chains: number;
  seconds: number;
  problemCount: number;
  /** The first problems, as audit:verify prints them. */
  problems: string[];
}

/** audit:verify's check, in process, on the stage database after the replay: every chain to its end. */
export async function verifyReplayAuditLog(db: Client, auditSecret: string): Promise<ReplayAuditCheck> {
  const started = Date.now();
  const result = await verifyAuditLog(
    { query: async <T>(sql: string, params?: unknown[]) => (await db.query(sql, params)).rows as T },
    { key: auditKeyFrom(auditSecret) },
  );
  return {
    intact: result.intact,
    entries: result.entriesChecked,
    chains: result.chainsChecked,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    problemCount: result.problems.length,
    problems: result.problems.slice(0, 20).map(describeProblem),
  };
}
