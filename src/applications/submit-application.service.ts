import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { feeFor } from '../config/policy/fees';
import { paymentRequested, PaymentsRepository } from '../payments/payments.repository';
import { paymentExpiryJob } from '../timers/timer-jobs';
import { assertUploadId, UploadsService } from '../uploads/uploads.service';
import { ApplicationActions } from '../workflow/application-actions';
import { personActor } from '../workflow/workflow-gate';
import type { StartedApplication } from '../workflow/start-application';
import type { CreateApplicationDto } from './dto/create-application.dto';
import { KeepResponse, runOncePerKey, validateIdempotencyKey } from './idempotency';
import { checksRider } from '../eligibility/check-results-store';
import { ridersTogether } from '../database/statement-rider';
import type { FormatLanguage } from '../common/format/format';
import { PublicCheck, publicChecks } from './public-checks';
import { IntakeScreening, refusalSummary, Screening } from './intake-screening';
import { intakeFieldErrors } from './intake-rules';

export interface SubmittedApplication {
  id: string;
  reference: string;
  status: string;
  checks: PublicCheck[];
  fee: { amount: number; currency: 'VND'; dueBy: string };
  payment: { id: string; redirectUrl: string };
}

/** What a refused attempt answers (422 urn:problem:ineligible): the checks, and nothing to pay. */
export interface RefusedApplication {
  detail: string;
  reference: string;
  checks: PublicCheck[];
}

/**
 * Takes a citizen's application: validates what each type needs, refuses at once what can never be
 * done online, and in one transaction creates the application and its payment request, uses up the
 * photo, records the audit entry and schedules the payment deadline — at most once per Idempotency-Key.
 */
@Injectable()
export class SubmitApplicationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly uploads: UploadsService,
    private readonly screening: IntakeScreening,
    private readonly actions: ApplicationActions,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  async submit(
    user: AuthUser,
    idempotencyKey: string | undefined,
    dto: CreateApplicationDto,
    ip: string,
    language: FormatLanguage = 'vi',
  ): Promise<{ status: number; body: SubmittedApplication }> {
    const key = validateIdempotencyKey(idempotencyKey);
    const errors = intakeFieldErrors(dto);
    if (errors.length) {
      throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { errors });
    }
    const nationalId = user.nationalId!;
    const screening = await this.screening.screen(user.id, dto, this.clock.today());
    let result: { status: number; body: SubmittedApplication | RefusedApplication };
    try {
      result = await runOncePerKey<SubmittedApplication | RefusedApplication>(
        this.db,
        { citizenId: user.id, key, request: dto },
        (tx, keep) =>
          screening.outcome === 'INELIGIBLE'
            ? this.refuse(tx, keep, user, nationalId, dto, screening, ip, language)
            : this.create(tx, keep, user, nationalId, dto, screening, ip, language),
      );
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'applications_one_open_per_licence') {
        throw new DomainError(
          'CONFLICT',
          `You already have an open application for licence ${dto.licenceNumber}. Follow it in your applications, or cancel it before applying again.`,
        );
      }
      throw error;
    }
    if (result.status === 422) {
      const refused = result.body as RefusedApplication;
      throw new DomainError('INELIGIBLE', refused.detail, {
        reference: refused.reference,
        checks: refused.checks,
      });
    }
    return { status: result.status, body: result.body as SubmittedApplication };
  }

  private fields(
    user: AuthUser,
    nationalId: string,
    dto: CreateApplicationDto,
    paymentDueBy: Date,
    newDetails: CreateApplicationDto['newDetails'] | null,
  ) {
    const quote = feeFor(this.clock.today(), dto.delivery.method);
    return {
      quote,
      application: {
        citizenId: user.id,
        nationalId,
        type: dto.type,
        licenceNumber: dto.licenceNumber,
        healthCertificateNumber: dto.healthCertificateNumber ?? null,
        photoUploadId: dto.photoUploadId,
        delivery: dto.delivery,
        newDetails: newDetails ?? null,
        declaration: dto.declaration ?? null,
        provinceCode: dto.delivery.provinceCode,
        fee: quote.fee,
        postalFee: quote.postalFee,
        total: quote.total,
        paymentDueBy,
      },
    };
  }

  /** The records refuse: the attempt is recorded (statistics, audit) as refused, and nothing is charged. */
  private async refuse(
    tx: EntityManager,
    keep: KeepResponse<RefusedApplication>,
    user: AuthUser,
    nationalId: string,
    dto: CreateApplicationDto,
    screening: Screening,
    ip: string,
    language: FormatLanguage,
  ): Promise<{ status: number; body: RefusedApplication }> {
    const { application } = this.fields(user, nationalId, dto, this.clock.now(), screening.newDetails);
    const detail = refusalSummary(screening.results);
    const response = (a: StartedApplication) => ({
      status: 422,
      body: { detail, reference: a.reference, checks: publicChecks(screening.results, language) },
    });
    let kept: { status: number; body: RefusedApplication } | undefined;
    const app = await this.actions.start(tx, {
      action: 'REFUSED_AT_SUBMISSION',
      actor: personActor(user, ip),
      outcome: screening.outcome,
      reason: detail,
      application,
      data: (a) => ({
        reference: a.reference,
        type: a.type,
        failed: screening.results.filter((r) => r.outcome === 'FAIL').map((r) => r.rule),
      }),
      // The refusing checks and the answer to the key, stored by the statement of the attempt's audit entry.
      rider: (a) => ridersTogether(checksRider(a.id, 0, screening.results), keep((kept = response(a)))),
    });
    return kept ?? response(app);
  }

  private async create(
    tx: EntityManager,
    keep: KeepResponse<SubmittedApplication>,
    user: AuthUser,
    nationalId: string,
    dto: CreateApplicationDto,
    screening: Screening,
    ip: string,
    language: FormatLanguage,
  ): Promise<{ status: number; body: SubmittedApplication }> {
    const now = this.clock.now();
    const paymentDueBy = new Date(now.getTime() + this.env.PAYMENT_TTL_MINUTES * 60_000);
    const { quote, application } = this.fields(user, nationalId, dto, paymentDueBy, screening.newDetails);
    const payment = { id: randomUUID() };
    assertUploadId(dto.photoUploadId);
    const response = (a: StartedApplication) => ({
      status: 201,
      body: {
        id: a.id,
        reference: a.reference,
        status: a.status,
        checks: publicChecks(screening.results, language),
        fee: { amount: quote.total, currency: 'VND' as const, dueBy: paymentDueBy.toISOString() },
        payment: { id: payment.id, redirectUrl: this.payments.redirectUrl(payment.id) },
      },
    });
    let kept: { status: number; body: SubmittedApplication } | undefined;
    const app = await this.actions.start(tx, {
      action: 'SUBMIT',
      actor: personActor(user, ip),
      outcome: screening.outcome,
      application,
      photo: {
        uploadId: dto.photoUploadId,
        refuse: (t, a) => this.uploads.refuseUnclaimed(t, dto.photoUploadId, user.id, a.id),
      },
      data: (a) => ({ reference: a.reference, type: a.type, licenceNumber: a.licence_number, fee: quote }),
      notice: () => ({
        template: 'SUBMITTED',
        params: { amount: quote.total, dueBy: paymentDueBy.toISOString() },
      }),
      jobs: (a) => [paymentExpiryJob(a.id, paymentDueBy.getTime() - now.getTime())],
      // The checks run at submission, the payment request and the answer to the key, stored by the
      // audit entry's statement.
      rider: (a) =>
        ridersTogether(
          ridersTogether(
            checksRider(a.id, 0, screening.results),
            paymentRequested(payment.id, a.id, quote.total),
          ),
          keep((kept = response(a))),
        ),
    });
    return kept ?? response(app);
  }
}
