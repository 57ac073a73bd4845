import { EntityManager } from 'typeorm';
import type { RuleResult } from './eligibility-input';

/** A run's results, one row per rule, from one JSON array (`checks`); a run stored before is left as it is. */
export const storeChecksSql = (applicationId: string, checkRun: string, checks: string) =>
  `INSERT INTO application_checks (application_id, check_run, rule, outcome, detail, action, evidence, texts)
  SELECT ${applicationId}, ${checkRun}, r.rule, r.outcome, r.detail, r.action, r.evidence, r.texts
  FROM jsonb_to_recordset(${checks}::jsonb)
    AS r(rule text, outcome text, detail text, action text, evidence jsonb, texts jsonb)
  ON CONFLICT DO NOTHING`;

export const STORE_CHECKS_SQL = storeChecksSql('$1', '$2', '$3');

/** The JSON array of a run's results, as storeChecksSql reads it. */
export function checksJson(results: readonly RuleResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      rule: r.rule,
      outcome: r.outcome,
      detail: r.detail,
      action: r.action ?? null,
      evidence: r.evidence,
      // The sentences as translation keys with raw values, so each reader gets their language.
      texts: r.text ? { detail: r.text, action: r.actionText ?? [] } : null,
    })),
  );
}

/** One run's results, once: a run that is stored again (a retried job) adds nothing. */
export async function storeCheckResults(
  tx: EntityManager,
  applicationId: string,
  checkRun: number,
  results: readonly RuleResult[],
): Promise<void> {
  if (results.length === 0) return;
  await tx.query(STORE_CHECKS_SQL, [applicationId, checkRun, checksJson(results)]);
}
