import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import type { WorkflowActor } from '../workflow/workflow-gate';
import { ApplicationActions } from '../workflow/application-actions';
import { DomainError } from '../common/errors/domain-error';
import { flattenValidationErrors } from '../common/validation';
import { Environment } from '../config/environment';
import { checkJob } from '../eligibility/check-jobs';
import { Notifier } from '../notifications/notifier';
import { CallbackResult, PaymentCallbackDto, PaymentCallbackResponse } from './dto/payment-callback.dto';
import { isValidPaymentSignature } from './payment-signature';
import { refundPaidFees } from './refund-requests';
import { paidAndRecorded, PaymentRow, PaymentsRepository } from './payments.repository';

/** A verified settlement notice, in the generic callback's terms. */
export type PaymentSettlement = Pick<
  PaymentCallbackDto,
  'paymentId' | 'providerTransactionId' | 'amount' | 'status' | 'paidAt'
>;

/**
 * The payment provider's callback. The signature is checked over the raw body before anything is read;
 * a callback is applied once per provider transaction id; a wrong amount or an unknown payment is
 * refused and changes nothing. A good payment moves the application to CHECKING and queues its checks
 * in the same transaction.
 */
@Injectable()
export class PaymentCallbackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly actions: ApplicationActions,
    private readonly env: Environment,
  ) {}

  async handle(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    ip: string,
  ): Promise<PaymentCallbackResponse> {
    if (!rawBody || !isValidPaymentSignature(this.env.PAYMENT_CALLBACK_SECRET, rawBody, signature)) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'The X-Signature header does not match the body: the callback was refused and changed nothing.',
      );
    }
    const dto = parseCallback(rawBody);
    return this.settle(dto, { kind: 'provider', id: 'payment-provider', role: 'provider', ip });
  }

  /**
   * Applies a provider's word on a payment, once per provider transaction id, whatever protocol carried
   * it: callers verify their own protocol's signature first (the generic callback above, VNPAY's IPN).
   * An unknown payment (NOT_FOUND) or a wrong amount (UNPROCESSABLE) throws and changes nothing.
   */
  async settle(dto: PaymentSettlement, actor: WorkflowActor): Promise<PaymentCallbackResponse> {
    try {
      return await this.db.transaction(async (tx) => {
        const { payment, seen } = await this.payments.lockForCallback(
          tx,
          dto.paymentId,
          dto.providerTransactionId,
        );
        if (seen) return { paymentId: dto.paymentId, result: 'DUPLICATE' as const };
        if (!payment)
          throw new DomainError(
            'NOT_FOUND',
            `Payment ${dto.paymentId} was not found: the callback changed nothing.`,
          );
        if (payment.amount !== dto.amount) {
          throw new DomainError(
            'UNPROCESSABLE',
            `The amount ${dto.amount} VND does not match the ${payment.amount} VND requested for payment ${payment.id}: the callback changed nothing.`,
          );
        }
        const result =
          dto.status === 'PAID'
            ? await this.applyPaid(tx, payment, dto, actor)
            : await this.applyFailed(tx, payment, dto, actor);
        return { paymentId: payment.id, result };
      });
    } catch (error) {
      // The same provider transaction, recorded meanwhile for another payment: this one changed nothing.
      if (isCallbackRecorded(error)) return { paymentId: dto.paymentId, result: 'DUPLICATE' };
      throw error;
    }
  }

  /**
   * A good payment: the application moves to CHECKING, and the same statement as its audit entry marks
   * the payment paid and records the callback (paidAndRecorded). When the application had moved on
   * (expired, cancelled), the money is kept as paid and goes back.
   */
  private async applyPaid(
    tx: EntityManager,
    payment: PaymentRow,
    dto: PaymentSettlement,
    actor: WorkflowActor,
  ): Promise<CallbackResult> {
    if (payment.status === 'PAID') {
      // Paid twice under two provider transactions: money to give back, nothing else changes.
      await this.recordRefundDue(tx, payment, dto, actor, 'payment already settled by another transaction');
      return this.recorded(tx, payment, dto, 'REFUND_DUE');
    }
    const app = await this.actions.take(tx, {
      applicationId: payment.application_id,
      action: 'PAY',
      actor,
      changes: { paidAt: new Date(dto.paidAt), newCheckRun: true },
      data: {
        paymentId: payment.id,
        providerTransactionId: dto.providerTransactionId,
        amount: dto.amount,
        paidAt: dto.paidAt,
      },
      notice: { template: 'PAID' },
      jobs: (moved) => [checkJob(moved.id, moved.check_run)],
      rider: paidAndRecorded(payment.id, dto),
    });
    if (app) return 'APPLIED';
    // The application expired or was cancelled before the money arrived: it goes back.
    await this.payments.markPaid(tx, payment.id, dto.providerTransactionId, dto.paidAt);
    await this.recordRefundDue(tx, payment, dto, actor, 'application no longer awaiting payment');
    await refundPaidFees(tx, payment.application_id, 'paid after the application ended', payment.id);
    return this.recorded(tx, payment, dto, 'REFUND_DUE');
  }

  /** The callback recorded with what it came to: once per provider transaction id. */
  private async recorded(
    tx: EntityManager,
    payment: PaymentRow,
    dto: PaymentSettlement,
    result: CallbackResult,
  ): Promise<CallbackResult> {
    await tx.query(
      `INSERT INTO payment_callbacks (provider_transaction_id, payment_id, status, amount, result)
       VALUES ($1, $2, $3, $4, $5)`,
      [dto.providerTransactionId, payment.id, dto.status, dto.amount, result],
    );
    return result;
  }

  private async applyFailed(
    tx: EntityManager,
    payment: PaymentRow,
    dto: PaymentSettlement,
    actor: WorkflowActor,
  ): Promise<CallbackResult> {
    await this.payments.markFailed(tx, payment.id, 'declined by provider');
    const [app] = await tx.query<
      { id: string; reference: string; citizen_id: string; payment_due_by: Date }[]
    >(`SELECT id, reference, citizen_id, payment_due_by FROM applications WHERE id = $1`, [
      payment.application_id,
    ]);
    await this.audit.record(tx, {
      actor,
      action: 'PAYMENT_FAILED',
      subjectType: 'application',
      subjectId: app.id,
      applicationId: app.id,
      data: { paymentId: payment.id, providerTransactionId: dto.providerTransactionId },
    });
    await this.notifier.notify(tx, {
      citizenId: app.citizen_id,
      applicationId: app.id,
      template: 'PAYMENT_FAILED',
      params: { reference: app.reference, dueBy: app.payment_due_by.toISOString() },
      dedupeKey: `${app.id}:PAYMENT_FAILED:${dto.providerTransactionId}`,
    });
    return this.recorded(tx, payment, dto, 'PAYMENT_FAILED');
  }

  private recordRefundDue(
    tx: EntityManager,
    payment: PaymentRow,
    dto: PaymentSettlement,
    actor: WorkflowActor,
    reason: string,
  ) {
    return this.audit.record(tx, {
      actor,
      action: 'REFUND_DUE',
      subjectType: 'application',
      subjectId: payment.application_id,
      applicationId: payment.application_id,
      reason,
      data: { paymentId: payment.id, providerTransactionId: dto.providerTransactionId, amount: dto.amount },
    });
  }
}

/** A second record of one provider transaction: payment_callbacks is keyed by it. */
function isCallbackRecorded(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === 'payment_callbacks_pkey';
}

function parseCallback(rawBody: Buffer): PaymentCallbackDto {
  let plain: unknown;
  try {
    plain = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError('BAD_REQUEST', 'The callback body is not valid JSON.');
  }
  const dto = plainToInstance(PaymentCallbackDto, plain);
  const errors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length) {
    throw new DomainError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    });
  }
  if (Number.isNaN(Date.parse(dto.paidAt))) {
    const errors = [
      { field: 'paidAt', message: 'paidAt must be a date and time such as 2026-12-07T09:30:00Z' },
    ];
    throw new DomainError('VALIDATION_FAILED', `paidAt: ${errors[0].message}`, { errors });
  }
  return dto;
}
