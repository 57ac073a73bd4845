import { EntityManager } from 'typeorm';
import type { RuleResult } from './eligibility-input';

/** A run's results, one row per rule, from one JSON array; a run stored before is left as it is. */
export const STORE_CHECKS_SQL = `INSERT INTO application_checks (application_id, check_run, rule, outcome, detail, action, evidence, texts)
  SELECT $1, $2, r.rule, r.outcome, r.detail, r.action, r.evidence, r.texts
  FROM jsonb_to_recordset($3::jsonb)
    AS r(rule text, outcome text, detail text, action text, evidence jsonb, texts jsonb)
  ON CONFLICT DO NOTHING`;

/** One run's results, once: a run that is stored again (a retried job) adds nothing. */
export async function storeCheckResults(
  tx: EntityManager,
  applicationId: string,
  checkRun: number,
  results: readonly RuleResult[],
): Promise<void> {
  if (results.length === 0) return;
  await tx.query(STORE_CHECKS_SQL, [
      applicationId,
      checkRun,
      JSON.stringify(
        results.map((r) => ({
          rule: r.rule,
          outcome: r.outcome,
          detail: r.detail,
          action: r.action ?? null,
          evidence: r.evidence,
          // The sentences as translation keys with raw values, so each reader gets their language.
          texts: r.text ? { detail: r.text, action: r.actionText ?? [] } : null,
        })),
      ),
    ],
  );
}
