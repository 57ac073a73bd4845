import type { StatementRider } from '../database/statement-rider';
import type { RuleResult } from './eligibility-input';

/** A run's results, one row per rule, from one JSON array (`checks`); a run stored before is left as it is. */
export const storeChecksSql = (applicationId: string, checkRun: string, checks: string) =>
  `INSERT INTO application_checks (application_id, check_run, rule, outcome, detail, action, evidence, texts)
  SELECT ${applicationId}, ${checkRun}, r.rule, r.outcome, r.detail, r.action, r.evidence, r.texts
  FROM jsonb_to_recordset(${checks}::jsonb)
    AS r(rule text, outcome text, detail text, action text, evidence jsonb, texts jsonb)
  ON CONFLICT DO NOTHING`;

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

const STORED_CHECKS_CTES = (first: number) =>
  `stored_checks AS (${storeChecksSql(`$${first}::uuid`, `$${first + 1}::int`, `$${first + 2}`)})`;

/** A run's results as writes another statement carries (the step that records the run). */
export function checksRider(
  applicationId: string,
  checkRun: number,
  results: readonly RuleResult[],
): StatementRider {
  return storedChecksRider(applicationId, checkRun, checksJson(results));
}

/** The same, from the run's JSON array as checksJson makes it. */
export function storedChecksRider(applicationId: string, checkRun: number, checks: string): StatementRider {
  return { ctes: STORED_CHECKS_CTES, params: [applicationId, checkRun, checks] };
}
