import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { Clock } from '../../common/clock';
import { GatewayUnavailable } from '../gateway/payment-gateway';
import {
  ApiRequestCommon,
  isValidApiResponse,
  queryDrRequest,
  queryDrResponseFields,
  refundRequest,
  RefundRequest,
  refundResponseFields,
} from './vnpay-messages';
import { VnpaySettings } from './vnpay-settings';

export type VnpApiResponse = Record<string, unknown> & { vnp_ResponseCode?: string };

const TIMEOUT_MS = 15_000;

/**
 * VNPAY's merchant API (querydr, refund): JSON over POST, each request signed and each response's hash
 * checked. A network failure, an HTTP error or a response whose hash does not match is
 * GatewayUnavailable: nothing is concluded from it.
 */
@Injectable()
export class VnpayApiClient {
  constructor(
    private readonly settings: VnpaySettings,
    private readonly clock: Clock,
  ) {}

  queryDr(paymentId: string, transactionDate: Date): Promise<VnpApiResponse> {
    const body = queryDrRequest(this.settings.merchant, { ...this.common(paymentId), transactionDate });
    return this.post(body, queryDrResponseFields);
  }

  refund(
    request: Omit<RefundRequest, keyof ApiRequestCommon> & { paymentId: string; transactionDate: Date },
  ) {
    const body = refundRequest(this.settings.merchant, { ...this.common(request.paymentId), ...request });
    return this.post(body, refundResponseFields);
  }

  private common(paymentId: string) {
    return {
      requestId: randomUUID().replace(/-/g, ''),
      paymentId,
      createdAt: this.clock.now(),
      ipAddr: serverIp(),
    };
  }

  private async post(
    body: Record<string, string>,
    fieldsOf: (r: Record<string, unknown>) => string[],
  ): Promise<VnpApiResponse> {
    const url = this.settings.apiUrl();
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new GatewayUnavailable(`VNPAY ${body.vnp_Command} did not answer: ${(error as Error).message}`);
    }
    if (!response.ok)
      throw new GatewayUnavailable(`VNPAY ${body.vnp_Command} answered HTTP ${response.status}`);
    const data = (await response.json().catch(() => null)) as VnpApiResponse | null;
    if (!data || typeof data !== 'object') {
      throw new GatewayUnavailable(`VNPAY ${body.vnp_Command} answered something other than JSON`);
    }
    if (!isValidApiResponse(this.settings.merchant.hashSecret, fieldsOf, data)) {
      throw new GatewayUnavailable(
        `VNPAY ${body.vnp_Command} answered code ${String(data.vnp_ResponseCode)} with a hash that does not match: not trusted`,
      );
    }
    return data;
  }
}

/** The address VNPAY sees the API call come from (vnp_IpAddr of querydr and refund). */
function serverIp(): string {
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((i) => i.family === 'IPv4' && !i.internal);
    if (found) return found.address;
  }
  return '127.0.0.1';
}
