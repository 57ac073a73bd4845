import { Module } from '@nestjs/common';
import { PaymentsRepository } from './payments.repository';
import { RefundCallbackService } from './refund-callback.service';

/** The payments and refunds tables, for the modules that open, settle, withdraw or refund (api and worker). */
@Module({
  providers: [PaymentsRepository, RefundCallbackService],
  exports: [PaymentsRepository, RefundCallbackService],
})
export class PaymentsCoreModule {}
