import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { scheduleChecks } from '../eligibility/check-jobs';
import { Notifier } from '../notifications/notifier';
import { PaymentsRepository } from '../payments/payments.repository';
import { UploadsService } from '../uploads/uploads.service';
import { sourcesOf } from '../workflow/application-workflow';
import { transitionApplication } from './application-transitions';
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
    private readonly notifier: Notifier,
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
      const app = await transitionApplication(tx, { id, action: 'CANCEL' });
      if (!app) {
        throw new DomainError(
          'CONFLICT',
          `Application ${own.reference} is ${own.status} and can no longer be cancelled: cancelling is possible only before a decision (${sourcesOf('CANCEL').join(', ')}).`,
        );
      }
      await tx.query(
        `UPDATE payments SET status = 'CANCELLED' WHERE application_id = $1 AND status = 'PENDING'`,
        [id],
      );
      const paid = await tx.query<{ id: string }[]>(
        `SELECT id FROM payments WHERE application_id = $1 AND status = 'PAID'`,
        [id],
      );
      await this.audit.record(tx, {
        actor: { kind: 'citizen', id: user.id, role: 'citizen', ip },
        action: 'CANCEL',
        subjectType: 'application',
        subjectId: id,
        applicationId: id,
        fromState: app.from_status,
        toState: app.status,
        reason: reason ?? null,
        data: paid.length ? { refundDueForPayment: paid[0].id } : {},
      });
      await this.notifier.notify(tx, {
        citizenId: user.id,
        applicationId: id,
        template: 'CANCELLED',
        params: { reference: app.reference },
        dedupeKey: `${id}:CANCELLED`,
      });
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
      const app = await transitionApplication(tx, {
        id,
        action: 'SUPPLEMENT',
        set: {
          check_run: { sql: 'a.check_run + 1' },
          ...(dto.healthCertificateNumber ? { health_certificate_number: dto.healthCertificateNumber } : {}),
          ...(dto.photoUploadId ? { photo_upload_id: dto.photoUploadId } : {}),
        },
      });
      if (!app) {
        throw new DomainError(
          'CONFLICT',
          `Application ${own.reference} is ${own.status}: there is no request for information to answer.`,
        );
      }
      if (dto.photoUploadId) await this.uploads.claimForApplication(tx, dto.photoUploadId, user.id, id);
      await tx.query(
        `INSERT INTO application_messages (application_id, author_kind, author_id, kind, body) VALUES ($1, 'citizen', $2, 'SUPPLEMENT', $3)`,
        [id, user.id, dto.message],
      );
      const [{ check_run }] = await tx.query<{ check_run: number }[]>(
        `SELECT check_run FROM applications WHERE id = $1`,
        [id],
      );
      await scheduleChecks(tx, id, check_run);
      await this.audit.record(tx, {
        actor: { kind: 'citizen', id: user.id, role: 'citizen', ip },
        action: 'SUPPLEMENT',
        subjectType: 'application',
        subjectId: id,
        applicationId: id,
        fromState: app.from_status,
        toState: app.status,
        data: {
          healthCertificateNumber: dto.healthCertificateNumber ?? null,
          newPhoto: !!dto.photoUploadId,
          checkRun: check_run,
        },
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
      await tx.query(
        `UPDATE payments SET status = 'CANCELLED' WHERE application_id = $1 AND status = 'PENDING'`,
        [id],
      );
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
