import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IntakeScreening } from '../../applications/intake-screening';
import { SubmitApplicationService } from '../../applications/submit-application.service';
import { publicChecks } from '../../applications/public-checks';
import type { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { EligibilityLoader } from '../../eligibility/eligibility-loader';
import { checkHealthCertificate } from '../../eligibility/rules/health-certificate';
import { UploadsService } from '../../uploads/uploads.service';
import type { FieldProblem } from '../http/form-errors';
import { ApplicationDraft, formFieldOf, HealthNeed, stepOfField, toCreateDto } from './application-draft';
import { DraftsRepository } from './drafts.repository';
import { FineLine, finesOf } from './fines-view';

/** A refusal on the check-answers page: the problem, and the page (and field) where it can be put right. */
export interface SubmissionProblem extends FieldProblem {
  href: string;
}

const PHOTO_ERRORS: Record<string, string> = {
  UNSUPPORTED_MEDIA_TYPE: 'apply.photo.errors.type',
  UNPROCESSABLE: 'apply.photo.errors.unreadable',
  PAYLOAD_TOO_LARGE: 'apply.photo.errors.tooLarge',
  RATE_LIMITED: 'apply.photo.errors.rateLimited',
};

/**
 * The steps of applying that need more than a form check: whether the licence needs a health
 * certificate, accepting the photo, and submitting the finished draft exactly once.
 */
@Injectable()
export class ApplyJourney {
  constructor(
    private readonly drafts: DraftsRepository,
    private readonly submitter: SubmitApplicationService,
    private readonly uploads: UploadsService,
    private readonly records: EligibilityLoader,
    private readonly clock: Clock,
    private readonly screening: IntakeScreening,
  ) {}

  draft(user: AuthUser): Promise<ApplicationDraft> {
    return this.drafts.get(user.id);
  }

  save(user: AuthUser, draft: ApplicationDraft): Promise<void> {
    return this.drafts.save(user.id, draft);
  }

  /**
   * Asked only about the citizen's own licence (someone else's number tells them nothing here; the
   * checks after payment refuse it). Unknown: the health page is shown, the certificate optional.
   */
  async healthNeed(user: AuthUser, draft: ApplicationDraft): Promise<HealthNeed> {
    const licence = draft.licenceNumber ? await this.records.licence(draft.licenceNumber) : null;
    if (!licence || licence.nationalId !== user.nationalId || !draft.type) return 'UNKNOWN';
    const today = this.clock.today();
    const result = checkHealthCertificate(
      {
        applicationType: draft.type,
        applicant: { nationalId: licence.nationalId, fullName: '', dateOfBirth: '' },
        driver: null,
        licenceNumber: licence.number,
        licence,
        healthCertificateNumber: null,
        healthCertificate: null,
        unpaidViolations: [],
        ownedPlates: [],
        otherOpenApplications: [],
        today,
      },
      today,
    );
    return result.outcome === 'PASS' ? 'NOT_NEEDED' : 'REQUIRED';
  }

  /** Accepts the photo into the draft; a refusal is a problem on the photo field. */
  async acceptPhoto(user: AuthUser, file: Buffer | null): Promise<FieldProblem | null> {
    if (!file) return { field: 'photo', key: 'apply.photo.errors.missing' };
    try {
      const upload = await this.uploads.accept(file, user.id);
      const draft = await this.drafts.get(user.id);
      await this.drafts.save(user.id, { ...draft, photoUploadId: upload.id });
      return null;
    } catch (error) {
      const key = error instanceof DomainError ? PHOTO_ERRORS[error.code] : undefined;
      if (!key) throw error;
      return { field: 'photo', key };
    }
  }

  /** A fresh Idempotency-Key for each rendering of the check-answers page. */
  newSubmissionKey(): string {
    return randomUUID();
  }

  /**
   * Submits the draft with the page's key. The same key twice (a double click, a resent form) creates
   * one application: the service replays its first answer, or the draft already records it.
   */
  /** The citizen-ID record's name and birth date: what a change of details prints on the new card. */
  async idRecord(user: AuthUser): Promise<{ fullName: string; dateOfBirth: string } | null> {
    return user.nationalId ? this.records.driverRecord(user.nationalId) : null;
  }

  /**
   * What the records say about the draft before the citizen is sent to pay: the same evaluation the
   * submission makes, shown on the check-your-answers page (nothing is recorded by looking).
   */
  async precheck(user: AuthUser): Promise<{ problems: SubmissionProblem[]; fines: FineLine[] }> {
    const draft = await this.drafts.get(user.id);
    try {
      const screening = await this.screening.screen(user.id, toCreateDto(draft), this.clock.today());
      if (screening.outcome !== 'INELIGIBLE') return { problems: [], fines: [] };
      const problems = submissionProblems(
        new DomainError('INELIGIBLE', '', { checks: publicChecks(screening.results, 'en') }),
      );
      // The applicant's own unpaid fines (the rule keeps no one else's), listed on the page.
      return { problems, fines: finesOf(screening.results) };
    } catch (error) {
      // An incomplete draft is the form's business (its steps say what is missing), not a refusal.
      if (error instanceof DomainError && error.code !== 'INELIGIBLE') return { problems: [], fines: [] };
      throw error;
    }
  }

  async submit(
    user: AuthUser,
    key: string,
    ip: string,
  ): Promise<{ applicationId: string } | { problems: SubmissionProblem[] }> {
    const draft = await this.drafts.get(user.id);
    if (draft.submitted?.key === key) return { applicationId: draft.submitted.applicationId };
    try {
      const { body } = await this.submitter.submit(user, key, toCreateDto(draft), ip);
      await this.drafts.save(user.id, { submitted: { key, applicationId: body.id } });
      return { applicationId: body.id };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { problems: submissionProblems(error) };
    }
  }
}

/** Fields the intake may name (they have their own sentence); any other gets the general one. */
const EXPLAINED_FIELDS = new Set([
  'healthCertificateNumber',
  'provinceCode',
  'detailsConfirmed',
  'lostOn',
  'photo',
]);
/** Rules the records may refuse on before payment (see IntakeScreening), each with its own sentence. */
const EXPLAINED_RULES = new Set([
  'IDENTITY_MATCH',
  'LICENCE_FOUND',
  'LICENCE_ORIGIN',
  'LICENCE_STATUS',
  'EXPIRY_WINDOW',
  'HEALTH_CERTIFICATE',
  'UNPAID_VIOLATIONS',
  'NO_OTHER_OPEN_APPLICATION',
  'APPLICATION_TYPE_FITS',
]);

/** The service's refusals, as problems linked to the page where each is put right. */
export function submissionProblems(error: DomainError): SubmissionProblem[] {
  const link = (field: string) => `/apply/${stepOfField(field)}?returnTo=check#${formFieldOf(field)}`;
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return (error.extra.errors ?? []).map((e) => {
        const field = formFieldOf(e.field);
        const known = EXPLAINED_FIELDS.has(field) ? field : 'other';
        return { field, key: `apply.check.invalid.${known}`, href: link(e.field) };
      });
    case 'UNPROCESSABLE': {
      if (error.extra.errors?.some((e) => e.field === 'photoUploadId')) {
        return [{ field: 'photo', key: 'apply.check.invalid.photo', href: link('photoUploadId') }];
      }
      const rule = EXPLAINED_RULES.has(String(error.extra.rule)) ? String(error.extra.rule) : 'OTHER';
      return [{ field: 'licenceNumber', key: `apply.check.refused.${rule}`, href: link('licenceNumber') }];
    }
    case 'INELIGIBLE': {
      // The records refused before any fee: one sentence per failed check, in the page's language.
      const checks = (error.extra.checks ?? []) as { rule: string; outcome: string }[];
      const failed = checks.filter((c) => c.outcome === 'FAIL').map((c) => c.rule);
      const rules = failed.length ? failed : ['OTHER'];
      return rules.map((rule) => ({
        field: 'licenceNumber',
        key: `apply.check.refused.${EXPLAINED_RULES.has(rule) ? rule : 'OTHER'}`,
        href: link('licenceNumber'),
      }));
    }
    case 'CONFLICT':
      return [{ field: 'licenceNumber', key: 'apply.check.openApplication', href: '/applications' }];
    case 'IDEMPOTENCY_IN_FLIGHT':
      return [{ field: 'submit', key: 'apply.check.inFlight', href: '#submit' }];
    case 'IDEMPOTENCY_MISMATCH':
      return [{ field: 'submit', key: 'apply.check.changed', href: '#submit' }];
    default:
      throw error;
  }
}
