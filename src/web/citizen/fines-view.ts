/** One unpaid fine the applicant is liable for, as the unpaid-fines rule stored it. */
export interface FineLine {
  id: string;
  plate: string | null;
  amount: number;
  occurredOn: string;
  /** On a vehicle the applicant owns with no identified driver (a camera fine goes to the owner). */
  asOwner: boolean;
}

interface CheckWithEvidence {
  rule: string;
  outcome: string;
  evidence?: unknown;
}

/**
 * The fines to list where the unpaid-fines rule failed or flagged. The rule keeps only the applicant's
 * own (violator, or owner of a vehicle with no identified driver), so another driver's never appear.
 */
export function finesOf(checks: readonly CheckWithEvidence[]): FineLine[] {
  const check = checks.find((c) => c.rule === 'UNPAID_VIOLATIONS');
  if (!check || (check.outcome !== 'FAIL' && check.outcome !== 'FLAG')) return [];
  const evidence = (check.evidence ?? {}) as { violations?: unknown };
  if (!Array.isArray(evidence.violations)) return [];
  return (evidence.violations as Record<string, unknown>[]).map((v) => ({
    id: String(v.id),
    plate: typeof v.plate === 'string' ? v.plate : null,
    amount: Number(v.amount),
    occurredOn: String(v.occurredOn),
    asOwner: v.asOwner === true,
  }));
}
