import { Module } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { PaymentsRepository } from '../payments.repository';
import { VnpayApiClient } from '../vnpay/vnpay-api.client';
import { VnpayGateway } from '../vnpay/vnpay-gateway';
import { VnpaySettings } from '../vnpay/vnpay-settings';
import { GenericGateway } from './generic-gateway';
import { PaymentGateway } from './payment-gateway';
import { PublicAddress } from './public-address';

/** The payment gateway PAYMENT_GATEWAY names, for the api (checkout, IPN) and the worker (reconciliation). */
@Module({
  providers: [
    PublicAddress,
    VnpaySettings,
    VnpayApiClient,
    PaymentsRepository,
    {
      provide: PaymentGateway,
      inject: [Environment, PublicAddress, VnpaySettings, VnpayApiClient],
      useFactory: (env: Environment, address: PublicAddress, settings: VnpaySettings, api: VnpayApiClient) =>
        env.PAYMENT_GATEWAY === 'vnpay' ? new VnpayGateway(settings, api) : new GenericGateway(address),
    },
  ],
  exports: [PaymentGateway, PublicAddress, VnpaySettings, PaymentsRepository],
})
export class PaymentGatewayModule {}
