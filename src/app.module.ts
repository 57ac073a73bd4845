import { DynamicModule, Module, Type } from '@nestjs/common';
import { ApplicationsModule } from './applications/applications.module';
import { AuditApiModule } from './audit/audit-api.module';
import { AuditModule } from './audit/audit.module';
import { AuditWorkerModule } from './audit/audit-worker.module';
import { CommonModule } from './common/common.module';
import { EligibilityWorkerModule } from './eligibility/eligibility-worker.module';
import { IssuanceWorkerModule } from './issuance/issuance-worker.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { PaymentSimulatorModule } from './payments/payment-simulator.module';
import { PaymentsModule } from './payments/payments.module';
import { RefundsWorkerModule } from './payments/refunds-worker.module';
import { PaymentsWorkerModule } from './payments/reconciliation/payments-worker.module';
import { PostalModule } from './postal/postal.module';
import { ReconcilerModule } from './reconciler/reconciler.module';
import { ReviewWorkerModule } from './review/review-worker.module';
import { ReviewModule } from './review/review.module';
import { TimersWorkerModule } from './timers/timers-worker.module';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import type { ProcessRole } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './common/logging.module';
import { HealthModule } from './health/health.module';
import { QueueModule } from './queue/queue.module';
import { RecordsModule } from './records/records.module';
import { UploadsModule } from './uploads/uploads.module';
import { MetricsCoreModule } from './metrics/metrics-core.module';
import { MetricsModule } from './metrics/metrics.module';
import { StatsModule } from './stats/stats.module';
import { StatsWorkerModule } from './stats/stats-worker.module';
import { WebModule } from './web/web.module';
import { WorkflowModule } from './workflow/workflow.module';

/** Modules every process needs besides configuration: logging, Postgres, the queue connection, audit. */
const CORE_MODULES: Type[] = [
  LoggingModule,
  DatabaseModule,
  QueueModule,
  AuditModule,
  CommonModule,
  WorkflowModule,
  MetricsCoreModule,
];

/** Modules with HTTP controllers: loaded by the api role. */
const API_MODULES: Type[] = [
  HealthModule,
  AuthModule,
  UploadsModule,
  RecordsModule,
  ApplicationsModule,
  PaymentsModule,
  ReviewModule,
  NotificationsModule,
  PostalModule,
  StatsModule,
  MetricsModule,
  AuditApiModule,
  WebModule,
];

/** Modules with queue consumers and timers: loaded by the worker role only. */
const WORKER_MODULES: Type[] = [
  ReconcilerModule,
  EligibilityWorkerModule,
  NotificationsWorkerModule,
  TimersWorkerModule,
  ReviewWorkerModule,
  IssuanceWorkerModule,
  RefundsWorkerModule,
  StatsWorkerModule,
  AuditWorkerModule,
  PaymentsWorkerModule,
];

@Module({})
export class AppModule {
  static forRole(role: ProcessRole): DynamicModule {
    const imports = [
      AppConfigModule.forRoot(),
      ...CORE_MODULES,
      ...(role === 'worker' ? [] : [...API_MODULES, PaymentSimulatorModule.register()]),
      ...(role === 'api' ? [] : WORKER_MODULES),
    ];
    return { module: AppModule, imports };
  }
}
