import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, SYSTEM_ACTOR } from '../audit/audit-entry';
import { AuditLog } from '../audit/audit-log';
import { DomainError } from '../common/errors/domain-error';
import { flattenValidationErrors } from '../common/validation';
import { Environment } from '../config/environment';
import { Notifier } from '../notifications/notifier';
import { raiseStaffAlert } from '../review/staff-alerts';
import { RefundCallbackDto, RefundCallbackResponse } from './dto/refund-callback.dto';
import { isValidPaymentSignature } from './payment-signature';

interface RefundRow {
  id: string;
  payment_id: string;
  application_id: string;
  amount: number;
  status: 'REQUESTED' | 'REFUNDED' | 'FAILED';
  reference: string;
  citizen_id: string;
  province_code: string;
}

/**
 * The provider's word on a refund, signed like its payment callbacks: applied once per refund (a
 * settled refund answers DUPLICATE), refused with a wrong signature, payment or amount. A refund
 * the provider could not make is raised to the province's supervisors.
 */
@Injectable()
export class RefundCallbackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
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
      const [refund] = await tx.query<RefundRow[]>(
        `SELECT r.id, r.payment_id, r.application_id, r.amount, r.status, a.reference, a.citizen_id, a.province_code
         FROM payment_refunds r JOIN applications a ON a.id = r.application_id
         WHERE r.id = $1 FOR UPDATE OF r`,
        [dto.refundId],
      );
      if (!refund || refund.payment_id !== dto.paymentId) {
        throw new DomainError(
          'NOT_FOUND',
          `Refund ${dto.refundId} of payment ${dto.paymentId} was not found: nothing changed.`,
        );
      }
      if (refund.amount !== dto.amount) {
        throw new DomainError(
          'UNPROCESSABLE',
          `The amount ${dto.amount} VND does not match the ${refund.amount} VND refund ${refund.id}: nothing changed.`,
        );
      }
      if (refund.status === 'REFUNDED') return { refundId: refund.id, result: 'DUPLICATE' as const };
      return dto.status === 'REFUNDED'
        ? this.refunded(tx, refund, dto, actor)
        : this.failed(tx, refund, actor);
    });
  }

  /** After every retry failed: the refund is marked failed and raised to the province's supervisors. */
  async giveUp(refundId: string, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [refund] = await tx.query<RefundRow[]>(
        `SELECT r.id, r.payment_id, r.application_id, r.amount, r.status, a.reference, a.citizen_id, a.province_code
         FROM payment_refunds r JOIN applications a ON a.id = r.application_id
         WHERE r.id = $1 FOR UPDATE OF r`,
        [refundId],
      );
      if (refund) await this.failed(tx, refund, SYSTEM_ACTOR, error);
    });
  }

  /** A gateway that refunds synchronously said yes: the refund is settled as if confirmed by callback. */
  async confirmFromGateway(refundId: string, refundedAt: Date, gatewayCode: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [refund] = await tx.query<RefundRow[]>(
        `SELECT r.id, r.payment_id, r.application_id, r.amount, r.status, a.reference, a.citizen_id, a.province_code
         FROM payment_refunds r JOIN applications a ON a.id = r.application_id
         WHERE r.id = $1 FOR UPDATE OF r`,
        [refundId],
      );
      if (!refund || refund.status !== 'REQUESTED') return;
      await tx.query(`UPDATE payment_refunds SET provider_refund_id = $2 WHERE id = $1`, [
        refund.id,
        gatewayCode,
      ]);
      await this.refunded(tx, refund, { refundedAt: refundedAt.toISOString() } as RefundCallbackDto, {
        kind: 'provider',
        id: 'payment-gateway',
        role: 'provider',
        ip: null,
      });
    });
  }

  private async refunded(
    tx: EntityManager,
    refund: RefundRow,
    dto: RefundCallbackDto,
    actor: AuditActor,
  ): Promise<RefundCallbackResponse> {
    await tx.query(
      `UPDATE payment_refunds SET status = 'REFUNDED', settled_at = $2, failure_reason = NULL WHERE id = $1`,
      [refund.id, dto.refundedAt],
    );
    await this.audit.record(tx, {
      actor,
      action: 'REFUNDED',
      subjectType: 'application',
      subjectId: refund.application_id,
      applicationId: refund.application_id,
      data: {
        refundId: refund.id,
        paymentId: refund.payment_id,
        amount: refund.amount,
        refundedAt: dto.refundedAt,
      },
    });
    await this.notifier.notify(tx, {
      citizenId: refund.citizen_id,
      applicationId: refund.application_id,
      template: 'REFUNDED',
      params: { reference: refund.reference, amount: refund.amount },
      dedupeKey: `${refund.application_id}:REFUNDED:${refund.id}`,
    });
    return { refundId: refund.id, result: 'REFUNDED' };
  }

  private async failed(
    tx: EntityManager,
    refund: RefundRow,
    actor: AuditActor,
    why = 'refused by the provider',
  ): Promise<RefundCallbackResponse> {
    if (refund.status === 'REQUESTED') {
      await tx.query(
        `UPDATE payment_refunds SET status = 'FAILED', failure_reason = $2, settled_at = now() WHERE id = $1`,
        [refund.id, why],
      );
      await this.audit.record(tx, {
        actor,
        action: 'REFUND_FAILED',
        subjectType: 'application',
        subjectId: refund.application_id,
        applicationId: refund.application_id,
        reason: why,
        data: { refundId: refund.id, amount: refund.amount },
      });
      await raiseStaffAlert(tx, {
        provinceCode: refund.province_code,
        applicationId: refund.application_id,
        kind: 'REFUND_FAILED',
        message: `The fee of ${refund.amount} VND for ${refund.reference} could not be refunded (${why}): refund it by hand.`,
      });
    }
    return { refundId: refund.id, result: 'REFUND_FAILED' };
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
  if (errors.length === 0 && Number.isNaN(Date.parse(dto.refundedAt))) {
    errors.push({
      field: 'refundedAt',
      message: 'refundedAt must be a date and time such as 2026-12-07T10:00:00Z',
    });
  }
  if (errors.length) {
    throw new DomainError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    });
  }
  return dto;
}
