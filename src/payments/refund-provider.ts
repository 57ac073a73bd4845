import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { Environment } from '../config/environment';
import { PaymentGateway } from './gateway/payment-gateway';
import { signPaymentCallback } from './payment-signature';
import { PaymentsRepository } from './payments.repository';
import { RefundCallbackService } from './refund-callback.service';

export interface RefundToRequest {
  id: string;
  paymentId: string;
  amount: number;
  reason: string;
}

/**
 * Asks the provider that took the fee to give it back. With PAYMENT_REFUND_URL the request is POSTed
 * there, signed, with the refund id as its idempotency key (a repeated request is the same refund);
 * the provider confirms later on the refund callback. Without it, the local simulator refunds at once
 * through that same signed callback; with PAYMENT_GATEWAY=vnpay it goes through VNPAY's refund API. Any
 * failure is thrown: the job is retried, then raised to staff.
 */
@Injectable()
export class RefundProvider {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: Environment,
    private readonly callbacks: RefundCallbackService,
    private readonly clock: Clock,
    private readonly gateway: PaymentGateway,
    private readonly payments: PaymentsRepository,
  ) {}

  async request(refund: RefundToRequest): Promise<void> {
    if (this.env.PAYMENT_GATEWAY === 'vnpay') return this.throughGateway(refund);
    if (this.env.PAYMENT_REFUND_URL) return this.post(this.env.PAYMENT_REFUND_URL, refund);
    if (this.env.PAYMENT_SIMULATOR_ENABLED) return this.simulate(refund);
    throw new Error('No payment provider refund endpoint is configured (PAYMENT_REFUND_URL)');
  }

  /**
   * A gateway with a refund API of its own (VNPAY's `vnp_Command=refund`) answers at once: accepted is
   * recorded as refunded, refused is raised to the supervisors, and no answer (GatewayUnavailable) is
   * thrown so the job tries again — the gateway knows a repeated request for the same transaction.
   */
  private async throughGateway(refund: RefundToRequest): Promise<void> {
    const payment = await this.payments.findForGateway(this.db, refund.paymentId);
    if (!payment) throw new Error(`Payment ${refund.paymentId} of refund ${refund.id} was not found`);
    const outcome = await this.gateway.requestRefund(payment, refund.amount, refund.reason);
    if (outcome.status === 'ACCEPTED') {
      await this.callbacks.confirmFromGateway(refund.id, this.clock.now(), outcome.gatewayCode);
    } else {
      await this.callbacks.giveUp(
        refund.id,
        `the gateway refused the refund (${outcome.gatewayCode} ${outcome.detail})`,
      );
    }
  }

  private async post(url: string, refund: RefundToRequest): Promise<void> {
    const body = JSON.stringify({
      refundId: refund.id,
      paymentId: refund.paymentId,
      amount: refund.amount,
      reason: refund.reason,
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': refund.id,
        'x-signature': signPaymentCallback(this.env.PAYMENT_CALLBACK_SECRET, body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`The provider answered ${response.status} to refund ${refund.id}`);
  }

  private async simulate(refund: RefundToRequest): Promise<void> {
    const rawBody = JSON.stringify({
      refundId: refund.id,
      paymentId: refund.paymentId,
      amount: refund.amount,
      status: 'REFUNDED',
      refundedAt: this.clock.now().toISOString(),
    });
    const signature = signPaymentCallback(this.env.PAYMENT_CALLBACK_SECRET, rawBody);
    await this.callbacks.handle(Buffer.from(rawBody), signature, 'payment-simulator');
  }
}
