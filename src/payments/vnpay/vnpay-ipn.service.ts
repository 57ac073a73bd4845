import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WorkflowActor } from '../../workflow/workflow-gate';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { PaymentCallbackService } from '../payment-callback.service';
import { PaymentsRepository } from '../payments.repository';
import {
  IPN_ANSWERS,
  IpnAnswer,
  isSuccessfulPayment,
  paymentIdOf,
  providerTransactionIdOf,
  vndOf,
} from './vnpay-messages';
import { isValidVnpQuery, parseVnpDate, VnpParams } from './vnpay-signing';
import { VnpaySettings } from './vnpay-settings';

/**
 * VNPAY's IPN (server to server, GET with the vnp_* query), answered as its guide requires and in its
 * order of checks: 97 a hash that does not match, 01 no such order, 04 another amount, 02 the order was
 * settled before (a replay changes nothing), 00 settled now — through the same settle() as the generic
 * callback. Only this notice changes a payment; the return URL the citizen lands on never does.
 */
@Injectable()
export class VnpayIpnService {
  private readonly logger = new Logger(VnpayIpnService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: VnpaySettings,
    private readonly payments: PaymentsRepository,
    private readonly callbacks: PaymentCallbackService,
    private readonly clock: Clock,
  ) {}

  async handle(query: unknown, ip: string): Promise<IpnAnswer> {
    const params = stringParams(query);
    const { tmnCode, hashSecret } = this.settings.merchant;
    if (!isValidVnpQuery(hashSecret, params) || params.vnp_TmnCode !== tmnCode) {
      this.logger.warn({ ip, txnRef: params.vnp_TxnRef }, 'VNPAY IPN refused: the hash does not match');
      return IPN_ANSWERS.invalidSignature;
    }
    const paymentId = paymentIdOf(params.vnp_TxnRef);
    const payment = paymentId ? await this.payments.findForGateway(this.db, paymentId) : null;
    if (!paymentId || !payment) return IPN_ANSWERS.orderNotFound;
    const amount = vndOf(params.vnp_Amount);
    if (amount === null || amount !== payment.amount) return IPN_ANSWERS.invalidAmount;
    if (payment.status === 'PAID' || payment.status === 'FAILED') return IPN_ANSWERS.alreadyConfirmed;
    const actor: WorkflowActor = { kind: 'provider', id: 'vnpay', role: 'provider', ip };
    try {
      const { result } = await this.callbacks.settle(
        {
          paymentId,
          providerTransactionId: providerTransactionIdOf(params.vnp_TxnRef, params.vnp_TransactionNo ?? '0'),
          amount,
          status: isSuccessfulPayment(params) ? 'PAID' : 'FAILED',
          paidAt: (parseVnpDate(params.vnp_PayDate) ?? this.clock.now()).toISOString(),
        },
        actor,
      );
      return result === 'DUPLICATE' ? IPN_ANSWERS.alreadyConfirmed : IPN_ANSWERS.confirmed;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return IPN_ANSWERS.orderNotFound;
      if (error instanceof DomainError && error.code === 'UNPROCESSABLE') return IPN_ANSWERS.invalidAmount;
      // VNPAY retries an IPN not answered 00/02; the error is ours to look into.
      this.logger.error({ err: error, paymentId }, 'VNPAY IPN could not be applied');
      return IPN_ANSWERS.unknownError;
    }
  }
}

/** The query's single string values (a repeated parameter is not VNPAY's and fails the hash). */
export function stringParams(query: unknown): VnpParams {
  const params: VnpParams = {};
  if (!query || typeof query !== 'object') return params;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
  }
  return params;
}
