import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import type { EligibilityInput, RuleResult } from '../eligibility/eligibility-input';
import { evaluateEligibility, overallOutcome, OverallOutcome } from '../eligibility/evaluate-eligibility';
import type { CreateApplicationDto } from './dto/create-application.dto';

export interface Screening {
  results: RuleResult[];
  outcome: OverallOutcome;
  /** For a change of details: what the new card will print (the citizen-ID record's, unless given). */
  newDetails: EligibilityInput['newDetails'];
}

/**
 * Before a citizen pays, every rule the records can answer is evaluated, exactly as the queued check
 * will evaluate it after payment. A health certificate the classes need but the form left out is a
 * form error (the citizen adds the number), not a refusal.
 */
@Injectable()
export class IntakeScreening {
  constructor(private readonly loader: EligibilityLoader) {}

  async screen(citizenId: string, dto: CreateApplicationDto, today: string): Promise<Screening> {
    const input = await this.loader.forSubmission(citizenId, {
      type: dto.type,
      licenceNumber: dto.licenceNumber,
      healthCertificateNumber: dto.healthCertificateNumber ?? null,
      newDetails: dto.newDetails ?? null,
    });
    if (!input) throw new DomainError('UNAUTHENTICATED', 'Your account was not found: sign in again.');
    // A change of details takes the details from the citizen-ID record; the citizen confirms, not retypes.
    if (dto.type === 'DETAILS_CHANGE' && !dto.newDetails && input.driver) {
      input.newDetails = { fullName: input.driver.fullName, dateOfBirth: input.driver.dateOfBirth };
    }
    const results = evaluateEligibility({ ...input, today });
    const health = results.find((r) => r.rule === 'HEALTH_CERTIFICATE');
    if (!dto.healthCertificateNumber && health?.outcome === 'FAIL') {
      const message = `healthCertificateNumber is required: ${health.detail}`;
      throw new DomainError('VALIDATION_FAILED', message, {
        errors: [{ field: 'healthCertificateNumber', message }],
      });
    }
    return { results, outcome: overallOutcome(results), newDetails: input.newDetails ?? null };
  }
}

/** The sentence a refusal leads with: what failed and what to do, rule by rule. */
export function refusalSummary(results: readonly RuleResult[]): string {
  const failed = results.filter((r) => r.outcome === 'FAIL');
  return failed.map((r) => [r.detail, r.action].filter(Boolean).join(' ')).join(' ');
}
