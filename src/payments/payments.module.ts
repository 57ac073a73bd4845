import { Module } from '@nestjs/common';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentSimulatorService } from './payment-simulator.service';
import { PaymentsController } from './payments.controller';
import { PaymentsRepository } from './payments.repository';

@Module({
  controllers: [PaymentsController],
  providers: [PaymentsRepository, PaymentCallbackService, PaymentSimulatorService],
  exports: [PaymentsRepository, PaymentCallbackService, PaymentSimulatorService],
})
export class PaymentsModule {}
