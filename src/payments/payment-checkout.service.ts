import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { PaymentGateway } from './gateway/payment-gateway';
import { PaymentsRepository } from './payments.repository';

/**
 * The payment's redirectUrl leads here: the gateway's page for a payment that can still be paid, signed
 * at the moment the citizen opens it (VNPAY wants the citizen's address in the signed URL).
 */
@Injectable()
export class PaymentCheckoutService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly gateway: PaymentGateway,
    private readonly clock: Clock,
  ) {}

  async checkoutUrl(paymentId: string, ip: string, language: 'vi' | 'en'): Promise<string> {
    const payment = await this.payments.findForGateway(this.db, paymentId);
    if (!payment) throw notFound(`Payment ${paymentId}`);
    if (payment.status !== 'PENDING' || payment.applicationStatus !== 'AWAITING_PAYMENT') {
      throw new DomainError(
        'CONFLICT',
        `Payment ${paymentId} is ${payment.status.toLowerCase()} and application ${payment.reference} is ${payment.applicationStatus}: there is nothing to pay here.`,
      );
    }
    if (payment.dueBy <= this.clock.now()) {
      throw new DomainError(
        'CONFLICT',
        `The payment deadline of application ${payment.reference} has passed.`,
      );
    }
    return this.gateway.checkoutUrl({
      payment,
      reference: payment.reference,
      dueBy: payment.dueBy,
      ip,
      language,
    });
  }
}
