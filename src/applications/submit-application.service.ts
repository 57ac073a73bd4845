import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { feeFor } from '../config/policy/fees';
import { PaymentsRepository } from '../payments/payments.repository';
import { paymentExpiryJob } from '../timers/timer-jobs';
import { UploadsService } from '../uploads/uploads.service';
import { ApplicationActions } from '../workflow/application-actions';
import { personActor } from '../workflow/workflow-gate';
import type { CreateApplicationDto } from './dto/create-application.dto';
import { runOncePerKey, validateIdempotencyKey } from './idempotency';
import { IntakeScreening } from './intake-screening';
import { intakeFieldErrors } from './intake-rules';

export interface SubmittedApplication {
  id: string;
  reference: string;
  status: string;
  fee: { amount: number; currency: 'VND'; dueBy: string };
  payment: { id: string; redirectUrl: string };
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
  ): Promise<{ status: number; body: SubmittedApplication }> {
    const key = validateIdempotencyKey(idempotencyKey);
    const errors = intakeFieldErrors(dto);
    if (errors.length) {
      throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { errors });
    }
    const nationalId = user.nationalId!;
    await this.screening.screen(nationalId, dto, this.clock.today());
    try {
      return await runOncePerKey(this.db, { citizenId: user.id, key, request: dto }, (tx) =>
        this.create(tx, user, nationalId, dto, ip),
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
  }

  private async create(
    tx: EntityManager,
    user: AuthUser,
    nationalId: string,
    dto: CreateApplicationDto,
    ip: string,
  ) {
    const now = this.clock.now();
    const quote = feeFor(this.clock.today(), dto.delivery.method);
    const paymentDueBy = new Date(now.getTime() + this.env.PAYMENT_TTL_MINUTES * 60_000);
    const app = await this.actions.start(tx, {
      actor: personActor(user, ip),
      application: {
        citizenId: user.id,
        nationalId,
        type: dto.type,
        licenceNumber: dto.licenceNumber,
        healthCertificateNumber: dto.healthCertificateNumber ?? null,
        photoUploadId: dto.photoUploadId,
        delivery: dto.delivery,
        newDetails: dto.newDetails ?? null,
        declaration: dto.declaration ?? null,
        provinceCode: dto.delivery.provinceCode,
        fee: quote.fee,
        postalFee: quote.postalFee,
        total: quote.total,
        paymentDueBy,
      },
      data: (a) => ({ reference: a.reference, type: a.type, licenceNumber: a.licence_number, fee: quote }),
      notice: () => ({
        template: 'SUBMITTED',
        params: { amount: quote.total, dueBy: paymentDueBy.toISOString() },
      }),
      jobs: (a) => [paymentExpiryJob(a.id, paymentDueBy.getTime() - now.getTime())],
    });
    await this.uploads.claimForApplication(tx, dto.photoUploadId, user.id, app.id);
    const payment = await this.payments.create(tx, app.id, quote.total);
    const body: SubmittedApplication = {
      id: app.id,
      reference: app.reference,
      status: app.status,
      fee: { amount: quote.total, currency: 'VND', dueBy: paymentDueBy.toISOString() },
      payment: { id: payment.id, redirectUrl: this.payments.redirectUrl(payment.id) },
    };
    return { status: 201, body };
  }
}
