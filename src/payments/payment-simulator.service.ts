import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import type { PaymentCallbackResponse } from './dto/payment-callback.dto';
import { PaymentCallbackService } from './payment-callback.service';
import { simulatedCallback } from './payment-simulator';

/**
 * Stands in for the provider in local runs and tests: signs a callback with the shared secret and feeds
 * it to the same handler the provider's HTTP callback reaches, signature check included.
 */
@Injectable()
export class PaymentSimulatorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly callbacks: PaymentCallbackService,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /** Settles a payment of one of the citizen's own applications; anyone else's is not found. */
  async settle(
    paymentId: string,
    status: 'PAID' | 'FAILED',
    citizenId: string,
    ip: string,
  ): Promise<PaymentCallbackResponse> {
    if (!this.env.PAYMENT_SIMULATOR_ENABLED) {
      throw new DomainError('NOT_FOUND', 'The payment simulator is not enabled on this server.');
    }
    const [payment] = await this.db.query<{ id: string; amount: number }[]>(
      `SELECT p.id, p.amount FROM payments p JOIN applications a ON a.id = p.application_id
        WHERE p.id = $1 AND a.citizen_id = $2`,
      [paymentId, citizenId],
    );
    if (!payment) throw new DomainError('NOT_FOUND', `Payment ${paymentId} was not found.`);
    const callback = simulatedCallback(this.env.PAYMENT_CALLBACK_SECRET, payment, status, this.clock.now());
    return this.callbacks.handle(Buffer.from(callback.rawBody), callback.signature, ip);
  }
}
