import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import type { AuditActor } from '../../audit/audit-entry';
import { DomainError } from '../../common/errors/domain-error';
import { flattenValidationErrors } from '../../common/validation';
import { Environment } from '../../config/environment';
import { isValidPaymentSignature } from '../payment-signature';
import { RefundCallbackDto, RefundCallbackResponse } from './refund-callback.dto';
import { PaymentRefundsRepository } from './payment-refunds.repository';

/**
 * The generic provider's word on a refund we asked for (API.md): signed as the payment callback is,
 * applied once — REFUNDED or FAILED is final, the same word again is a DUPLICATE, a contrary one a 409 —
 * and only for a refund we requested, of that payment and that amount.
 */
@Injectable()
export class RefundCallbackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly refunds: PaymentRefundsRepository,
    private readonly audit: AuditLog,
    private readonly env: Environment,
  ) {}

  async handle(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    ip: string,
  ): Promise<RefundCallbackResponse> {
    if (!rawBody || !isValidPaymentSignature(this.env.PAYMENT_CALLBACK_SECRET, rawBody, signature)) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'The X-Signature header does not match the body: the refund callback was refused and changed nothing.',
      );
    }
    const dto = parseRefundCallback(rawBody);
    const actor: AuditActor = { kind: 'provider', id: 'payment-provider', role: 'provider', ip };
    return this.db.transaction(async (tx) => {
      const refund = await this.refunds.lock(tx, dto.refundId);
      if (!refund || refund.payment_id !== dto.paymentId) {
        throw new DomainError(
          'NOT_FOUND',
          `No refund ${dto.refundId} of payment ${dto.paymentId} was requested: the callback changed nothing.`,
        );
      }
      if (refund.amount !== dto.amount) {
        throw new DomainError(
          'UNPROCESSABLE',
          `The amount ${dto.amount} VND does not match the ${refund.amount} VND requested in refund ${refund.id}: the callback changed nothing.`,
        );
      }
      if (refund.status !== 'REQUESTED') {
        if (refund.status === dto.status)
          return { refundId: refund.id, status: dto.status, result: 'DUPLICATE' };
        throw new DomainError(
          'CONFLICT',
          `Refund ${refund.id} was confirmed ${refund.status} before; it cannot become ${dto.status}.`,
        );
      }
      await this.refunds.confirm(tx, refund.id, dto.status, dto.refundedAt);
      await this.audit.record(tx, {
        actor,
        action: dto.status === 'REFUNDED' ? 'REFUNDED' : 'REFUND_FAILED',
        subjectType: 'application',
        subjectId: refund.application_id,
        applicationId: refund.application_id,
        reason: refund.reason,
        data: {
          refundId: refund.id,
          paymentId: refund.payment_id,
          amount: refund.amount,
          refundedAt: dto.refundedAt,
        },
      });
      return { refundId: refund.id, status: dto.status, result: 'APPLIED' };
    });
  }
}

function parseRefundCallback(rawBody: Buffer): RefundCallbackDto {
  let plain: unknown;
  try {
    plain = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError('BAD_REQUEST', 'The refund callback body is not valid JSON.');
  }
  const dto = plainToInstance(RefundCallbackDto, plain);
  const errors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length) {
    throw new DomainError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    });
  }
  return dto;
}
