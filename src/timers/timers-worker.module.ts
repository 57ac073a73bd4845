import { Module } from '@nestjs/common';
import { PaymentsCoreModule } from '../payments/payments-core.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { PaymentExpiryService } from './payment-expiry.service';
import { TimersReconcileSource } from './timers-reconcile.source';
import { TimersProcessor } from './timers.processor';

@Module({
  imports: [ReconcilerModule, PaymentsCoreModule],
  providers: [PaymentExpiryService, TimersProcessor, TimersReconcileSource],
  exports: [TimersProcessor],
})
export class TimersWorkerModule {}
