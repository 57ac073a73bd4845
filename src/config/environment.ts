import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotEnv } from 'dotenv';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];
export const PAYMENT_GATEWAYS = ['generic', 'vnpay'] as const;
export type PaymentGatewayName = (typeof PAYMENT_GATEWAYS)[number];

const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value; // left as a string so validation names it
};
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the service reads, validated once at boot.
 * A missing or malformed variable stops the process with a message that names it.
 */
export class Environment {
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

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(3600)
  JWT_REFRESH_TTL_SECONDS = 1_209_600;

  @IsString()
  @MinLength(16, { message: 'PAYMENT_CALLBACK_SECRET must be at least 16 characters' })
  PAYMENT_CALLBACK_SECRET!: string;

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

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY = 8;

  /** How long a job's lock lives without renewal; a killed worker's jobs are retried after about this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30000;

  /** Tries per job (exponential back-off from 1 s) before the case is marked as needing attention. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(25)
  JOB_ATTEMPTS = 5;

  /** A staff claim on a case lapses after this many minutes without activity. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CLAIM_TTL_MINUTES = 30;

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

  /** How long a citizen has to pay before an application expires. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PAYMENT_TTL_MINUTES = 1440;

  /** The local payment simulator's endpoints; never on in production. */
  @Transform(toBoolean)
  @IsBoolean()
  PAYMENT_SIMULATOR_ENABLED = true;

  /** Which payment protocol citizens pay by: the generic signed callback or VNPAY 2.1.0. */
  @IsIn(PAYMENT_GATEWAYS)
  PAYMENT_GATEWAY: PaymentGatewayName = 'generic';

  /** VNPAY terminal (merchant website) code; required with PAYMENT_GATEWAY=vnpay. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{8}$/, { message: 'VNPAY_TMN_CODE must be the 8 letters and digits VNPAY issued' })
  VNPAY_TMN_CODE?: string;

  /** VNPAY hash secret (HMAC-SHA512 key); required with PAYMENT_GATEWAY=vnpay. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'VNPAY_HASH_SECRET must be at least 16 characters' })
  VNPAY_HASH_SECRET?: string;

  /** VNPAY's payment page; unset: the local simulator's (when it is enabled). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_PAY_URL must be an http(s) URL' })
  VNPAY_PAY_URL?: string;

  /** VNPAY's querydr/refund API; unset: the local simulator's (when it is enabled). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_API_URL must be an http(s) URL' })
  VNPAY_API_URL?: string;

  /** Where VNPAY sends the citizen back; unset: PUBLIC_BASE_URL + /payments/vnpay/return. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_RETURN_URL must be an http(s) URL' })
  VNPAY_RETURN_URL?: string;

  @IsString()
  LICENSING_AUTHORITY_NAME = 'Provincial Traffic Police';

  /** S10 service indicator for licence shipments (two letters, not J, K, S, T or W first). */
  @Matches(/^[A-IL-RU-VX-Z][A-Z]$/, {
    message: 'POSTAL_SERVICE_INDICATOR must be two capital letters, not starting J, K, S, T or W',
  })
  POSTAL_SERVICE_INDICATOR = 'EB';

  /** How long a postal partner's claim on a shipment lasts before it is offered again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  POSTAL_LEASE_SECONDS = 300;

  /** Failed delivery attempts after which the card goes back to the issuing office. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  POSTAL_MAX_DELIVERY_ATTEMPTS = 3;

  /** Requests each postal partner API key may make per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  POSTAL_RATE_LIMIT_PER_MINUTE = 1200;

  /** When set, GET /metrics requires `Authorization: Bearer <token>`; empty or unset leaves it open. */
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  if (raw.NODE_ENV === 'production' && raw.PAYMENT_SIMULATOR_ENABLED === undefined) {
    raw = { ...raw, PAYMENT_SIMULATOR_ENABLED: 'false' };
  }
  const env = plainToInstance(Environment, raw, {
    enableImplicitConversion: false,
    exposeDefaultValues: true,
  });
  const errors = [
    ...validateSync(env, { whitelist: false, skipMissingProperties: false }),
    ...gatewayErrors(env),
  ];
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const constraints = Object.values(e.constraints ?? {}).join('; ');
      const shown = /SECRET|PASSWORD|TOKEN/.test(e.property) ? 'a hidden value' : JSON.stringify(e.value);
      return `  ${e.property}: ${constraints} (got ${e.value === undefined ? 'nothing' : shown})`;
    });
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return env;
}

/** VNPAY needs its merchant code and secret, and real URLs unless the local simulator stands in. */
function gatewayErrors(env: Environment): ValidationError[] {
  if (env.PAYMENT_GATEWAY !== 'vnpay') return [];
  const required: (keyof Environment)[] = ['VNPAY_TMN_CODE', 'VNPAY_HASH_SECRET'];
  if (!env.PAYMENT_SIMULATOR_ENABLED) required.push('VNPAY_PAY_URL', 'VNPAY_API_URL');
  return required
    .filter((name) => env[name] === undefined)
    .map((name) =>
      Object.assign(new ValidationError(), {
        property: name,
        value: undefined,
        constraints: {
          required: `${name} is required when PAYMENT_GATEWAY=vnpay${name.endsWith('_URL') ? ' and the payment simulator is off' : ''}`,
        },
      }),
    );
}

/** For command-line tools that run outside Nest: the same validation, read straight from the process. */
export function loadEnvironment(overrides: Record<string, string> = {}): Environment {
  loadDotEnv();
  return validateEnvironment({ ...process.env, ...overrides });
}

/** Reads ./.env into the process environment (variables already set win), as @nestjs/config does. */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  const parsed = parseDotEnv(readFileSync(path));
  for (const [key, value] of Object.entries(parsed)) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}
