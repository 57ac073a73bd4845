import { Injectable } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { PublicAddress } from '../gateway/public-address';
import type { VnpayMerchant } from './vnpay-messages';

/** Where the local simulator answers as VNPAY does, under this service's own address. */
export const SIM_PAY_PATH = '/sim/vnpay/paymentv2/vpcpay.html';
export const SIM_API_PATH = '/sim/vnpay/merchant_webapi/api/transaction';
export const RETURN_PATH = '/payments/vnpay/return';
export const IPN_PATH = '/api/v1/payments/vnpay/ipn';

/** The VNPAY settings with their defaults resolved (the simulator's URLs when none are configured). */
@Injectable()
export class VnpaySettings {
  constructor(
    private readonly env: Environment,
    private readonly address: PublicAddress,
  ) {}

  get enabled(): boolean {
    return this.env.PAYMENT_GATEWAY === 'vnpay';
  }

  get merchant(): VnpayMerchant {
    const { VNPAY_TMN_CODE: tmnCode, VNPAY_HASH_SECRET: hashSecret } = this.env;
    if (!tmnCode || !hashSecret) throw new Error('VNPAY_TMN_CODE and VNPAY_HASH_SECRET are not set.');
    return { tmnCode, hashSecret };
  }

  payUrl(): string {
    return this.env.VNPAY_PAY_URL ?? `${this.address.base()}${SIM_PAY_PATH}`;
  }

  apiUrl(): string {
    return this.env.VNPAY_API_URL ?? `${this.address.base()}${SIM_API_PATH}`;
  }

  returnUrl(): string {
    return this.env.VNPAY_RETURN_URL ?? `${this.address.base()}${RETURN_PATH}`;
  }

  /** The IPN URL to register with VNPAY (the simulator calls it). */
  ipnUrl(): string {
    return `${this.address.base()}${IPN_PATH}`;
  }
}
