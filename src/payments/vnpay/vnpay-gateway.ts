import { Injectable } from '@nestjs/common';
import {
  CheckoutRequest,
  GatewayPayment,
  GatewayTransaction,
  GatewayUnavailable,
  PaymentGateway,
  RefundOutcome,
} from '../gateway/payment-gateway';
import {
  asciiText,
  payParams,
  payUrl,
  providerTransactionIdOf,
  transactionNoOf,
  txnRefOf,
  vndOf,
} from './vnpay-messages';
import { VnpayApiClient } from './vnpay-api.client';
import { VnpaySettings } from './vnpay-settings';

/** Refund answers that mean VNPAY will not refund (anything else unexpected is retried). */
const REFUND_REFUSALS = new Set(['02', '03', '04', '13', '91', '93', '95']);

/** VNPAY 2.1.0: the signed payment URL, querydr for reconciliation and refund. The IPN is VnpayIpnService. */
@Injectable()
export class VnpayGateway extends PaymentGateway {
  readonly name = 'vnpay' as const;

  constructor(
    private readonly settings: VnpaySettings,
    private readonly api: VnpayApiClient,
  ) {
    super();
  }

  checkoutUrl(request: CheckoutRequest): string {
    const signed = payParams(this.settings.merchant, {
      paymentId: request.payment.id,
      amount: request.payment.amount,
      reference: request.reference,
      locale: request.language === 'en' ? 'en' : 'vn',
      returnUrl: this.settings.returnUrl(),
      ipAddr: request.ip,
      // The creation time is the payment's, so querydr and refund can name it (vnp_TransactionDate).
      createdAt: request.payment.createdAt,
      expiresAt: request.dueBy,
    });
    return payUrl(this.settings.payUrl(), signed);
  }

  async queryTransaction(payment: GatewayPayment): Promise<GatewayTransaction> {
    const r = await this.api.queryDr(payment.id, payment.createdAt);
    if (r.vnp_ResponseCode === '91') {
      return {
        found: false,
        paid: false,
        amount: null,
        transactionNo: null,
        providerTransactionId: null,
        gatewayStatus: 'not found (91)',
      };
    }
    if (r.vnp_ResponseCode !== '00') {
      throw new GatewayUnavailable(`VNPAY querydr answered code ${String(r.vnp_ResponseCode)}`);
    }
    const paid = r.vnp_TransactionStatus === '00';
    const transactionNo = typeof r.vnp_TransactionNo === 'string' ? r.vnp_TransactionNo : null;
    return {
      found: true,
      paid,
      amount: vndOf(typeof r.vnp_Amount === 'number' ? String(r.vnp_Amount) : r.vnp_Amount),
      transactionNo,
      providerTransactionId:
        paid && transactionNo ? providerTransactionIdOf(txnRefOf(payment.id), transactionNo) : null,
      gatewayStatus: `transaction status ${String(r.vnp_TransactionStatus)}`,
    };
  }

  async requestRefund(payment: GatewayPayment, amount: number, reason: string): Promise<RefundOutcome> {
    const transactionNo = transactionNoOf(payment.providerTransactionId);
    if (!transactionNo) {
      return { status: 'REFUSED', gatewayCode: 'NOT_PAID', detail: 'the payment was never settled by VNPAY' };
    }
    const r = await this.api.refund({
      paymentId: payment.id,
      transactionDate: payment.createdAt,
      transactionNo,
      amount,
      full: amount === payment.amount,
      createdBy: 'system',
      reason: asciiText(reason) || 'Hoan phi',
    });
    const code = String(r.vnp_ResponseCode);
    const message = typeof r.vnp_Message === 'string' ? r.vnp_Message : '';
    // 94: a refund of this transaction is already being processed (our earlier request).
    if (code === '00' || code === '94') return { status: 'ACCEPTED', gatewayCode: code, detail: message };
    if (REFUND_REFUSALS.has(code)) return { status: 'REFUSED', gatewayCode: code, detail: message };
    throw new GatewayUnavailable(`VNPAY refund answered code ${code}: ${message}`);
  }
}
