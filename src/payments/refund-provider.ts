import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Environment } from '../config/environment';
import { signPaymentCallback } from './payment-signature';
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
 * through that same signed callback. Any failure is thrown: the job is retried, then raised to staff.
 */
@Injectable()
export class RefundProvider {
  constructor(
    private readonly env: Environment,
    private readonly callbacks: RefundCallbackService,
    private readonly clock: Clock,
  ) {}

  async request(refund: RefundToRequest): Promise<void> {
    if (this.env.PAYMENT_REFUND_URL) return this.post(this.env.PAYMENT_REFUND_URL, refund);
    if (this.env.PAYMENT_SIMULATOR_ENABLED) return this.simulate(refund);
    throw new Error('No payment provider refund endpoint is configured (PAYMENT_REFUND_URL)');
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
