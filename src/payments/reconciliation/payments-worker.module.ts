import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { QUEUES } from '../../queue/queue-names';
import { QueueRegistry } from '../../queue/queue-registry';
import { ReconcilerModule } from '../../reconciler/reconciler.module';
import { Reconciler } from '../../reconciler/reconciler.service';
import { TimersProcessor } from '../../timers/timers.processor';
import { TimersWorkerModule } from '../../timers/timers-worker.module';
import { PaymentGateway } from '../gateway/payment-gateway';
import { PaymentGatewayModule } from '../gateway/payment-gateway.module';
import { PaymentReconciliationService } from './payment-reconciliation.service';
import {
  PaymentReconciliationJobData,
  RECONCILE_PAYMENTS,
  schedulePaymentReconciliation,
} from './reconciliation-jobs';

/**
 * Puts the daily payment reconciliation on the timers queue where the gateway can be queried (VNPAY),
 * handles its jobs, and lets the reconciler put the schedule back should Redis lose it.
 */
@Injectable()
class PaymentReconciliationJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(PaymentReconciliationJobs.name);

  constructor(
    private readonly timers: TimersProcessor,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
    private readonly gateway: PaymentGateway,
    private readonly service: PaymentReconciliationService,
  ) {}

  private get scheduled(): boolean {
    return this.gateway.name === 'vnpay';
  }

  onModuleInit(): void {
    this.timers.register(RECONCILE_PAYMENTS, (data: PaymentReconciliationJobData) =>
      this.service.reconcile(data.day),
    );
    if (this.scheduled) {
      this.reconciler.register({
        name: 'payment-reconciliation-schedule',
        run: async () => {
          await schedulePaymentReconciliation(this.queues.get(QUEUES.timers));
          return 0;
        },
      });
    }
  }

  /** Not awaited: a Redis that is down at start must not hold the worker up; the reconciler retries. */
  onApplicationBootstrap(): void {
    if (!this.scheduled) return;
    schedulePaymentReconciliation(this.queues.get(QUEUES.timers)).catch((error: unknown) =>
      this.logger.warn({ err: error }, 'Could not schedule the payment reconciliation yet'),
    );
  }
}

@Module({
  imports: [PaymentGatewayModule, TimersWorkerModule, ReconcilerModule],
  providers: [PaymentReconciliationService, PaymentReconciliationJobs],
  exports: [PaymentReconciliationService],
})
export class PaymentsWorkerModule {}
