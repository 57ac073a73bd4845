import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import type { EligibilityInput, RuleResult } from '../eligibility/eligibility-input';
import { checkExpiryWindow } from '../eligibility/rules/expiry-window';
import { checkHealthCertificate } from '../eligibility/rules/health-certificate';
import { checkLicenceOrigin } from '../eligibility/rules/licence-origin';
import type { CreateApplicationDto } from './dto/create-application.dto';

/**
 * Before a citizen pays, refuse what can never be done online for their own licence — a foreign or
 * military licence, or one so far expired that a re-test is needed — and ask for a health certificate
 * number when the classes held need one. Another person's licence number is not screened here (that
 * would tell the caller about someone else's licence); the eligibility checks refuse it after payment.
 */
@Injectable()
export class IntakeScreening {
  constructor(private readonly loader: EligibilityLoader) {}

  async screen(nationalId: string, dto: CreateApplicationDto, today: string): Promise<void> {
    const licence = await this.loader.licence(dto.licenceNumber);
    if (!licence || licence.nationalId !== nationalId) return;
    const input: EligibilityInput = {
      applicationType: dto.type,
      applicant: { nationalId, fullName: '', dateOfBirth: '' },
      driver: null,
      licenceNumber: dto.licenceNumber,
      licence,
      healthCertificateNumber: dto.healthCertificateNumber ?? null,
      healthCertificate: null,
      unpaidViolations: [],
      ownedPlates: [],
      otherOpenApplications: [],
      newDetails: dto.newDetails ?? null,
      today,
    };
    for (const result of [checkLicenceOrigin(input, today), checkExpiryWindow(input, today)]) {
      if (result.outcome === 'FAIL') throw refusal(result);
    }
    if (!dto.healthCertificateNumber) {
      const health = checkHealthCertificate(input, today);
      if (health.outcome === 'FAIL') {
        const message = `healthCertificateNumber is required: ${health.detail}`;
        throw new DomainError('VALIDATION_FAILED', message, {
          errors: [{ field: 'healthCertificateNumber', message }],
        });
      }
    }
  }
}

function refusal(result: RuleResult): DomainError {
  return new DomainError('UNPROCESSABLE', [result.detail, result.action].filter(Boolean).join(' '), {
    rule: result.rule,
    action: result.action ?? null,
  });
}
