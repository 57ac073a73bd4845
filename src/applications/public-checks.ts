import type { FormatLanguage } from '../common/format/format';
import type { RuleResult } from '../eligibility/eligibility-input';
import { describeCheck } from './check-texts';

/** What the citizen is shown of a check: the rule, its outcome, and in their language what it found and what to do. */
export interface PublicCheck {
  rule: string;
  outcome: RuleResult['outcome'];
  detail: string;
  action?: string;
}

export function publicChecks(results: readonly RuleResult[], language: FormatLanguage): PublicCheck[] {
  return results.map((r) => {
    const { detail, action } = describeCheck(
      {
        rule: r.rule,
        outcome: r.outcome,
        detail: r.detail,
        action: r.action ?? null,
        texts: r.text ? { detail: r.text, action: r.actionText ?? [] } : null,
      },
      language,
    );
    return { rule: r.rule, outcome: r.outcome, detail, ...(action ? { action } : {}) };
  });
}
