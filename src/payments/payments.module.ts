import { Module } from '@nestjs/common';
import { PaymentGatewayModule } from './gateway/payment-gateway.module';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentCheckoutService } from './payment-checkout.service';
import { PaymentSimulatorService } from './payment-simulator.service';
import { PaymentsController } from './payments.controller';
import { PaymentsCoreModule } from './payments-core.module';
import { VnpaySimulatorApiController } from './vnpay/simulator/vnpay-simulator-api.controller';
import { VnpaySimulatorService } from './vnpay/simulator/vnpay-simulator.service';
import { VnpayIpnService } from './vnpay/vnpay-ipn.service';
import { VnpayController } from './vnpay/vnpay.controller';

@Module({
  imports: [PaymentsCoreModule, PaymentGatewayModule],
  controllers: [PaymentsController, VnpayController, VnpaySimulatorApiController],
  providers: [
    PaymentCallbackService,
    PaymentSimulatorService,
    PaymentCheckoutService,
    VnpayIpnService,
    VnpaySimulatorService,
  ],
  exports: [
    PaymentsCoreModule,
    PaymentGatewayModule,
    PaymentCallbackService,
    PaymentSimulatorService,
    PaymentCheckoutService,
    VnpaySimulatorService,
  ],
})
export class PaymentsModule {}
