import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotEnv } from 'dotenv';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsJSON,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
  ValidationError,
} from 'class-validator';
import { IsTrustedProxies } from './trusted-proxies';

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
const emptyAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
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

  /** How often an idle worker looks for notices due to be sent (a full batch is followed at once). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  NOTICE_POLL_MS = 250;

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

  /** Where refund requests go (signed like the callbacks); without it the simulator refunds, if enabled. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'PAYMENT_REFUND_URL must be an http(s):// URL' })
  PAYMENT_REFUND_URL?: string;
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
  LICENSING_AUTHORITY_NAME = 'Phòng Cảnh sát giao thông';

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

  /**
   * When set, GET /metrics requires `Authorization: Bearer <token>`. Unset: open in development and
   * tests, not served at all (404) in production.
   */
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  // --- Audit log (keyed links and checkpoints; see the README's "Audit log") ---

  /** Keys the audit log's links and signs its checkpoints; the database never holds it. */
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must be at least 32 characters' })
  AUDIT_HMAC_KEY!: string;

  /** Where the signed checkpoints of every chain's head are written; unset: no checkpoints. */
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_DIR?: string;

  /** How often a worker writes a checkpoint (when AUDIT_CHECKPOINT_DIR is set). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 3600;
  // --- Exposure: which proxies to believe, and whether the API documentation is served.

  /**
   * Proxies whose X-Forwarded-For / -Proto are believed (Fastify trustProxy): empty trusts none, a hop
   * count N the nearest N, or a comma-separated list of addresses/CIDRs. request.ip (rate limits, audit)
   * comes from it.
   */
  @IsString()
  @IsTrustedProxies()
  TRUSTED_PROXIES = '';

  /** `public` serves /api/docs and /api/docs-json; `off` serves neither. */
  @IsIn(['public', 'off'], { message: 'API_DOCS must be public or off' })
  API_DOCS: 'public' | 'off' = 'public';
  // --- Citizen sign-in: the national e-ID over OpenID Connect, and password accounts (see README) ---
  /** Citizens sign in with the national electronic identity (VNeID or any OpenID provider). */
  @Transform(toBoolean)
  @IsBoolean()
  OIDC_ENABLED = false;

  /** The provider's issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
  @Transform(emptyAsUnset)
  @ValidateIf((e: Environment) => e.OIDC_ENABLED)
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'OIDC_ISSUER must be an http(s) URL without query' })
  OIDC_ISSUER?: string;

  @Transform(emptyAsUnset)
  @ValidateIf((e: Environment) => e.OIDC_ENABLED)
  @IsString()
  @MinLength(1, { message: 'OIDC_CLIENT_ID is required when OIDC_ENABLED is true' })
  OIDC_CLIENT_ID?: string;

  /** Sent with client_secret_basic; unset: a public client (PKCE alone). */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @Matches(/^(\S+ )*openid( \S+)*$/, { message: 'OIDC_SCOPES must be space-separated and include openid' })
  OIDC_SCOPES = 'openid profile';

  /** Registered with the provider; unset: PUBLIC_BASE_URL + /auth/oidc/callback. */
  @Transform(emptyAsUnset)
  @ValidateIf((e: Environment) => e.OIDC_REDIRECT_URI !== undefined || (e.OIDC_ENABLED && !e.PUBLIC_BASE_URL))
  @Matches(/^https?:\/\/\S+$/, {
    message: 'OIDC_REDIRECT_URI (or PUBLIC_BASE_URL to derive it from) is required when OIDC_ENABLED is true',
  })
  OIDC_REDIRECT_URI?: string;

  /** Names of the ID-token (or userinfo) claims that carry the citizen ID, full name and birth date. */
  @Matches(/^[A-Za-z0-9_.:/-]+$/, { message: 'OIDC_CLAIM_NATIONAL_ID must be a claim name' })
  OIDC_CLAIM_NATIONAL_ID = 'national_id';

  @Matches(/^[A-Za-z0-9_.:/-]+$/, { message: 'OIDC_CLAIM_NAME must be a claim name' })
  OIDC_CLAIM_NAME = 'name';

  @Matches(/^[A-Za-z0-9_.:/-]+$/, { message: 'OIDC_CLAIM_BIRTHDATE must be a claim name' })
  OIDC_CLAIM_BIRTHDATE = 'birthdate';

  /** Citizen accounts with a password (register + sign in); may be off only when the e-ID is on. */
  @Transform(toBoolean)
  @IsBoolean()
  @ValidateBy({
    name: 'citizensCanSignIn',
    validator: {
      validate: (value, args) => value !== false || (args?.object as Environment).OIDC_ENABLED === true,
      defaultMessage: () => 'PASSWORD_SIGN_IN_ENABLED may be false only when OIDC_ENABLED is true',
    },
  })
  PASSWORD_SIGN_IN_ENABLED = true;
  // --- Notices: e-mail over SMTP and SMS through an HTTP gateway (record: nothing leaves the system) ---
  @IsIn(['record', 'smtp'])
  NOTIFY_EMAIL_TRANSPORT: 'record' | 'smtp' = 'record';

  /** smtp(s)://user:pass@host:port; or the SMTP_HOST… settings below. */
  @Transform(emptyToUndefined)
  @ValidateIf((e: Environment) => e.NOTIFY_EMAIL_TRANSPORT === 'smtp' && !e.SMTP_HOST)
  @Matches(/^smtps?:\/\/.+/, {
    message: 'SMTP_URL (or SMTP_HOST) must be an smtp:// or smtps:// URL when NOTIFY_EMAIL_TRANSPORT=smtp',
  })
  SMTP_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 587;

  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_SECURE = false;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** Connections in the SMTP pool of each worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  SMTP_POOL_SIZE = 3;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Cấp đổi GPLX <no-reply@localhost>';

  @IsIn(['record', 'http'])
  NOTIFY_SMS_TRANSPORT: 'record' | 'http' = 'record';

  @Transform(emptyToUndefined)
  @ValidateIf((e: Environment) => e.NOTIFY_SMS_TRANSPORT === 'http' || e.SMS_GATEWAY_URL !== undefined)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'SMS_GATEWAY_URL must be an http(s) URL when NOTIFY_SMS_TRANSPORT=http' },
  )
  SMS_GATEWAY_URL?: string;

  /** Sent in SMS_GATEWAY_API_KEY_HEADER; or Basic auth with SMS_GATEWAY_USER / SMS_GATEWAY_PASSWORD. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMS_GATEWAY_API_KEY?: string;

  @Matches(/^[A-Za-z0-9-]+$/, { message: 'SMS_GATEWAY_API_KEY_HEADER must be an HTTP header name' })
  SMS_GATEWAY_API_KEY_HEADER = 'X-Api-Key';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMS_GATEWAY_USER?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMS_GATEWAY_PASSWORD?: string;

  /** The registered brand name the SMS comes from (at most 11 characters). */
  @ValidateIf((e: Environment) => e.NOTIFY_SMS_TRANSPORT === 'http')
  @Matches(/^[A-Za-z0-9 ._-]{1,11}$/, {
    message: 'SMS_BRANDNAME must be 1-11 letters, digits, spaces or . _ -',
  })
  SMS_BRANDNAME = '';

  /** The JSON body sent to the gateway; {from} {to} {text} {id} are filled in (see README). */
  @IsJSON({ message: 'SMS_GATEWAY_BODY must be JSON' })
  @Matches(/^\s*\{[\s\S]*\}\s*$/, { message: 'SMS_GATEWAY_BODY must be a JSON object' })
  SMS_GATEWAY_BODY = '{"from":"{from}","to":"{to}","text":"{text}","requestId":"{id}"}';

  /** Send SMS without Vietnamese diacritics (GSM 7-bit: 160 characters a segment instead of 70). */
  @Transform(toBoolean)
  @IsBoolean()
  SMS_UNACCENTED = true;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  SMS_GATEWAY_TIMEOUT_MS = 10000;

  /** Gateway requests each worker process has in flight at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  SMS_GATEWAY_CONCURRENCY = 4;
  // --- end of notices ---
}

/** Outside production a missing AUDIT_HMAC_KEY is this one; production refuses it. */
export const DEVELOPMENT_AUDIT_HMAC_KEY = 'development-only-audit-hmac-key-never-use-in-production';

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  if (raw.NODE_ENV === 'production' && raw.PAYMENT_SIMULATOR_ENABLED === undefined) {
    raw = { ...raw, PAYMENT_SIMULATOR_ENABLED: 'false' };
  }
  if (raw.NODE_ENV !== 'production' && (raw.AUDIT_HMAC_KEY === undefined || raw.AUDIT_HMAC_KEY === '')) {
    raw = { ...raw, AUDIT_HMAC_KEY: DEVELOPMENT_AUDIT_HMAC_KEY };
  }
  const env = plainToInstance(Environment, raw, {
    enableImplicitConversion: false,
    exposeDefaultValues: true,
  });
  const errors = [
    ...validateSync(env, { whitelist: false, skipMissingProperties: false }),
    ...gatewayErrors(env),
  ];
  const lines = errors.map((e) => {
    const constraints = Object.values(e.constraints ?? {}).join('; ');
    const shown = /SECRET|PASSWORD|TOKEN|KEY|SMTP_URL/.test(e.property)
      ? 'a hidden value'
      : JSON.stringify(e.value);
    return `  ${e.property}: ${constraints} (got ${e.value === undefined ? 'nothing' : shown})`;
  });
  if (env.NODE_ENV === 'production' && env.AUDIT_HMAC_KEY === DEVELOPMENT_AUDIT_HMAC_KEY)
    lines.push('  AUDIT_HMAC_KEY: must be a secret of its own in production (got the development key)');
  if (lines.length > 0) throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
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

/**
 * AUDIT_HMAC_KEY alone, for a process that writes audit entries without having booted the service (a
 * command-line tool, a test's factories): the same default and production rule as the full validation.
 */
export function loadAuditHmacKey(): string {
  loadDotEnv();
  const key = process.env.AUDIT_HMAC_KEY;
  if (key && key.length >= 32) return key;
  if (key)
    throw new Error('Invalid environment configuration:\n  AUDIT_HMAC_KEY: must be at least 32 characters');
  if (process.env.NODE_ENV === 'production')
    throw new Error('Invalid environment configuration:\n  AUDIT_HMAC_KEY: required in production');
  return DEVELOPMENT_AUDIT_HMAC_KEY;
}
