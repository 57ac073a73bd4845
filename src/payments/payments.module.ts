import { Module } from '@nestjs/common';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentSimulatorService } from './payment-simulator.service';
import { PaymentsController } from './payments.controller';
import { PaymentsCoreModule } from './payments-core.module';

@Module({
  imports: [PaymentsCoreModule],
  controllers: [PaymentsController],
  providers: [PaymentCallbackService, PaymentSimulatorService],
  exports: [PaymentsCoreModule, PaymentCallbackService, PaymentSimulatorService],
})
export class PaymentsModule {}
