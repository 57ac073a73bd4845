import { DynamicModule, Module, Type } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import type { ProcessRole } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './common/logging.module';
import { HealthModule } from './health/health.module';
import { QueueModule } from './queue/queue.module';
import { RecordsModule } from './records/records.module';
import { UploadsModule } from './uploads/uploads.module';

/** Modules every process needs: configuration, logging, Postgres, the queue connection. */
const CORE_MODULES: Type[] = [AppConfigModule, LoggingModule, DatabaseModule, QueueModule, AuditModule];

/** Modules with HTTP controllers: loaded by the api role. */
const API_MODULES: Type[] = [HealthModule, AuthModule, UploadsModule, RecordsModule];

/** Modules with queue consumers and timers: loaded by the worker role only. */
const WORKER_MODULES: Type[] = [];

@Module({})
export class AppModule {
  static forRole(role: ProcessRole): DynamicModule {
    const imports = [
      ...CORE_MODULES,
      ...(role === 'worker' ? [] : API_MODULES),
      ...(role === 'api' ? [] : WORKER_MODULES),
    ];
    return { module: AppModule, imports };
  }
}
