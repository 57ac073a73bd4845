import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { checkJob } from '../eligibility/check-jobs';
import { PaymentsRepository } from '../payments/payments.repository';
import { UploadsService } from '../uploads/uploads.service';
import { ApplicationActions } from '../workflow/application-actions';
import { sourcesOf } from '../workflow/application-workflow';
import { personActor } from '../workflow/workflow-gate';
import { addApplicationMessage } from './application-messages';
import { ApplicationsRepository } from './applications.repository';
import type { SupplementDto } from './dto/citizen-actions.dto';

/**
 * What a citizen can do to their own case after submitting it: cancel before a decision, answer a
 * request for information (which runs the checks again), and pay again after a failed payment.
 * Someone else's case answers 404, as if it did not exist.
 */
@Injectable()
export class CitizenActionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly payments: PaymentsRepository,
    private readonly uploads: UploadsService,
    private readonly audit: AuditLog,
    private readonly actions: ApplicationActions,
    private readonly clock: Clock,
  ) {}

  async cancel(
    user: AuthUser,
    id: string,
    reason: string | undefined,
    ip: string,
  ): Promise<{ id: string; status: string }> {
    return this.db.transaction(async (tx) => {
      const own = await this.applications.findOwn(user.id, id, tx);
      if (!own) throw notFound('Application');
      const app = await this.actions.take(tx, {
        applicationId: id,
        action: 'CANCEL',
        actor: personActor(user, ip),
        reason: reason ?? null,
        notice: { template: 'CANCELLED' },
      });
      if (!app) {
        throw new DomainError(
          'CONFLICT',
          `Application ${own.reference} is ${own.status} and can no longer be cancelled: cancelling is possible only before a decision (${sourcesOf('CANCEL').join(', ')}).`,
        );
      }
      await this.payments.cancelPending(tx, id);
      return { id, status: app.status };
    });
  }

  async supplement(
    user: AuthUser,
    id: string,
    dto: SupplementDto,
    ip: string,
  ): Promise<{ id: string; status: string }> {
    return this.db.transaction(async (tx) => {
      const own = await this.applications.findOwn(user.id, id, tx);
      if (!own) throw notFound('Application');
      const app = await this.actions.take(tx, {
        applicationId: id,
        action: 'SUPPLEMENT',
        actor: personActor(user, ip),
        changes: {
          newCheckRun: true,
          ...(dto.healthCertificateNumber ? { healthCertificateNumber: dto.healthCertificateNumber } : {}),
          ...(dto.photoUploadId ? { photoUploadId: dto.photoUploadId } : {}),
        },
        data: (moved) => ({
          healthCertificateNumber: dto.healthCertificateNumber ?? null,
          newPhoto: !!dto.photoUploadId,
          checkRun: moved.check_run,
        }),
        jobs: (moved) => [checkJob(moved.id, moved.check_run)],
      });
      if (!app) {
        throw new DomainError(
          'CONFLICT',
          `Application ${own.reference} is ${own.status}: there is no request for information to answer.`,
        );
      }
      if (dto.photoUploadId) await this.uploads.claimForApplication(tx, dto.photoUploadId, user.id, id);
      await addApplicationMessage(tx, {
        applicationId: id,
        authorKind: 'citizen',
        authorId: user.id,
        kind: 'SUPPLEMENT',
        body: dto.message,
      });
      return { id, status: app.status };
    });
  }

  /** A new payment request after a failed (or abandoned) one, while the payment deadline holds. */
  async retryPayment(
    user: AuthUser,
    id: string,
    ip: string,
  ): Promise<{ payment: { id: string; redirectUrl: string }; dueBy: string }> {
    return this.db.transaction(async (tx) => {
      const [own] = await tx.query<
        { id: string; status: string; reference: string; total_amount: number; payment_due_by: Date }[]
      >(
        `SELECT id, status, reference, total_amount, payment_due_by FROM applications WHERE id = $1 AND citizen_id = $2 FOR UPDATE`,
        [id, user.id],
      );
      if (!own) throw notFound('Application');
      if (own.status !== 'AWAITING_PAYMENT' || own.payment_due_by <= this.clock.now()) {
        throw new DomainError(
          'CONFLICT',
          `Application ${own.reference} is ${own.status === 'AWAITING_PAYMENT' ? 'past its payment deadline' : own.status}: it cannot be paid now.`,
        );
      }
      await this.payments.cancelPending(tx, id);
      const payment = await this.payments.create(tx, id, own.total_amount);
      await this.audit.record(tx, {
        actor: { kind: 'citizen', id: user.id, role: 'citizen', ip },
        action: 'PAYMENT_RETRY',
        subjectType: 'application',
        subjectId: id,
        applicationId: id,
        data: { paymentId: payment.id },
      });
      return {
        payment: { id: payment.id, redirectUrl: this.payments.redirectUrl(payment.id) },
        dueBy: own.payment_due_by.toISOString(),
      };
    });
  }
}
