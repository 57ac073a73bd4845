import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toBoolean, toInt } from './setting-transforms';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Where the process runs and what it connects to: database, Redis, port, role, jobs and pollers. */
export class ProcessSettings {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** The role that owns the schema and runs migrations; the app itself should log in as licence_app. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /** Sets licence_app's password after migrating (for servers that do not trust local connections). */
  @IsOptional()
  @IsString()
  APP_DB_PASSWORD?: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(PROCESS_ROLES)
  ROLE: ProcessRole = 'all';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Run pending migrations at start (behind an advisory lock). Off in production: migrate as a step. */
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = false;

  /** Load the demo data set at start when the database has no drivers (local runs). */
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_SEED_ON_EMPTY = false;

  /** Prefix of every BullMQ key; wrap in braces ({lr}) for Redis Cluster hash tags. */
  @Matches(/^[A-Za-z0-9:{}_-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits and : { } _ -' })
  QUEUE_PREFIX = 'lr';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** Repeated statements are prepared once per connection; switch off behind a pooler that cannot keep them. */
  @Transform(toBoolean)
  @IsBoolean()
  DB_PREPARED_STATEMENTS = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY = 8;

  /**
   * How long a worker gathers the jobs of one kind (checks, issuance, timers) into a batch before it
   * runs them, unless WORKER_CONCURRENCY of them arrive first: a batch's statements are paid once for
   * all its applications, so a short wait when work trickles in saves most of them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5000)
  BATCH_WAIT_MS = 500;

  /**
   * How long a job's lock (and a notice's SENDING lease) lives without renewal; a killed worker's jobs,
   * and the notices it was sending, are taken up again after about this long.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30000;

  /**
   * Tries per job (exponential back-off from 1 s) before the case is marked as needing attention; also
   * the tries per notice before it is given up (FAILED, GAVE_UP).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(25)
  JOB_ATTEMPTS = 5;

  /** How often the reconciler compares Postgres with the queues, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RECONCILE_INTERVAL_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_POLL_MS = 200;

  @IsOptional()
  @IsString()
  PUBLIC_BASE_URL?: string;
}
