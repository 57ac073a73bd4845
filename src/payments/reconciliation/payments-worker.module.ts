import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '../../queue/queue-names';
import { QueueRegistry } from '../../queue/queue-registry';
import { WorkerFactory } from '../../queue/worker-factory';
import { ReconcilerModule } from '../../reconciler/reconciler.module';
import { Reconciler } from '../../reconciler/reconciler.service';
import { PaymentGateway } from '../gateway/payment-gateway';
import { PaymentGatewayModule } from '../gateway/payment-gateway.module';
import { PaymentReconciliationService } from './payment-reconciliation.service';
import {
  PaymentReconciliationJobData,
  RECONCILE_PAYMENTS,
  schedulePaymentReconciliation,
} from './reconciliation-jobs';

/**
 * The payments queue's consumer: runs the daily reconciliation where the gateway can be queried (VNPAY),
 * keeps its schedule in Redis (put back by the reconciler should Redis lose it) and handles its jobs.
 * A failed run is retried by BullMQ (JOB_ATTEMPTS, exponential back-off).
 */
@Injectable()
export class PaymentsProcessor implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(PaymentsProcessor.name);

  constructor(
    private readonly workers: WorkerFactory,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueRegistry,
    private readonly gateway: PaymentGateway,
    private readonly service: PaymentReconciliationService,
  ) {}

  private get scheduled(): boolean {
    return this.gateway.name === 'vnpay';
  }

  onModuleInit(): void {
    if (!this.scheduled) return;
    this.reconciler.register({
      name: 'payment-reconciliation-schedule',
      run: async () => {
        await schedulePaymentReconciliation(this.queues.get(QUEUES.payments));
        return 0;
      },
    });
  }

  onApplicationBootstrap(): void {
    this.workers.create<PaymentReconciliationJobData>(QUEUES.payments, {
      handlers: { [RECONCILE_PAYMENTS]: (job) => this.process(job) },
    });
    if (!this.scheduled) return;
    // Not awaited: a Redis that is down at start must not hold the worker up; the reconciler retries.
    schedulePaymentReconciliation(this.queues.get(QUEUES.payments)).catch((error: unknown) =>
      this.logger.warn({ err: error }, 'Could not schedule the payment reconciliation yet'),
    );
  }

  process(job: Job<PaymentReconciliationJobData>): Promise<unknown> {
    if (job.name !== RECONCILE_PAYMENTS) throw new Error(`No handler for payments job "${job.name}"`);
    return this.service.reconcile(job.data.day);
  }
}

@Module({
  imports: [PaymentGatewayModule, ReconcilerModule],
  providers: [PaymentReconciliationService, PaymentsProcessor],
  exports: [PaymentReconciliationService],
})
export class PaymentsWorkerModule {}
