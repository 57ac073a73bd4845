import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotEnv } from 'dotenv';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { IntersectionType } from '@nestjs/swagger';
import { NoticeSettings } from './settings/notice-settings';
import { OfficeSettings } from './settings/office-settings';
import { PaymentSettings } from './settings/payment-settings';
import { ProcessSettings } from './settings/process-settings';
import { SecuritySettings } from './settings/security-settings';
import { SignInSettings } from './settings/sign-in-settings';

export { PROCESS_ROLES, type ProcessRole } from './settings/process-settings';
export { PAYMENT_GATEWAYS, type PaymentGatewayName } from './settings/payment-settings';

/**
 * Every environment variable the service reads, validated once at boot; each area's settings, with
 * their defaults and rules, are in ./settings. A missing or malformed variable stops the process with
 * a message that names it.
 */
export class Environment extends IntersectionType(
  ProcessSettings,
  SecuritySettings,
  PaymentSettings,
  OfficeSettings,
  SignInSettings,
  NoticeSettings,
) {}

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
