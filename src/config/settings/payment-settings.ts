import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { toBoolean, toInt, emptyAsUnset } from './setting-transforms';

export const PAYMENT_GATEWAYS = ['generic', 'vnpay'] as const;
export type PaymentGatewayName = (typeof PAYMENT_GATEWAYS)[number];

/** How citizens pay: the generic signed callback or VNPAY 2.1.0, refunds and the local simulator. */
export class PaymentSettings {
  @IsString()
  @MinLength(16, { message: 'PAYMENT_CALLBACK_SECRET must be at least 16 characters' })
  PAYMENT_CALLBACK_SECRET!: string;

  /** How long a citizen has to pay before an application expires. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PAYMENT_TTL_MINUTES = 1440;

  /** The local payment simulator's endpoints; never on in production. */
  @Transform(toBoolean)
  @IsBoolean()
  PAYMENT_SIMULATOR_ENABLED = true;

  /** Where refund requests go (signed like the callbacks); without it the simulator refunds, if enabled. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'PAYMENT_REFUND_URL must be an http(s):// URL' })
  PAYMENT_REFUND_URL?: string;

  /** Which payment protocol citizens pay by: the generic signed callback or VNPAY 2.1.0. */
  @IsIn(PAYMENT_GATEWAYS)
  PAYMENT_GATEWAY: PaymentGatewayName = 'generic';

  /** VNPAY terminal (merchant website) code; required with PAYMENT_GATEWAY=vnpay. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{8}$/, { message: 'VNPAY_TMN_CODE must be the 8 letters and digits VNPAY issued' })
  VNPAY_TMN_CODE?: string;

  /** VNPAY hash secret (HMAC-SHA512 key); required with PAYMENT_GATEWAY=vnpay. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'VNPAY_HASH_SECRET must be at least 16 characters' })
  VNPAY_HASH_SECRET?: string;

  /** VNPAY's payment page; unset: the local simulator's (when it is enabled). */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_PAY_URL must be an http(s) URL' })
  VNPAY_PAY_URL?: string;

  /** VNPAY's querydr/refund API; unset: the local simulator's (when it is enabled). */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_API_URL must be an http(s) URL' })
  VNPAY_API_URL?: string;

  /** Where VNPAY sends the citizen back; unset: PUBLIC_BASE_URL + /payments/vnpay/return. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_RETURN_URL must be an http(s) URL' })
  VNPAY_RETURN_URL?: string;
}
