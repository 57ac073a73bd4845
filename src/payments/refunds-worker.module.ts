import { Module } from '@nestjs/common';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { PaymentGatewayModule } from './gateway/payment-gateway.module';
import { PaymentsCoreModule } from './payments-core.module';
import { RefundProvider } from './refund-provider';
import { RefundsReconcileSource } from './refunds-reconcile.source';
import { RefundsProcessor } from './refunds.processor';

/** The worker's side of refunds: requests to the provider, retried, reconciled with Redis. */
@Module({
  imports: [ReconcilerModule, PaymentsCoreModule, PaymentGatewayModule],
  providers: [RefundProvider, RefundsProcessor, RefundsReconcileSource],
})
export class RefundsWorkerModule {}
