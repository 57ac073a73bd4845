import { getMetadataStorage } from 'class-validator';
import { Environment, validateEnvironment } from '../environment';
import { NoticeSettings } from './notice-settings';
import { OfficeSettings } from './office-settings';
import { PaymentSettings } from './payment-settings';
import { ProcessSettings } from './process-settings';
import { SecuritySettings } from './security-settings';
import { SignInSettings } from './sign-in-settings';

const AREAS = [
  ProcessSettings,
  SecuritySettings,
  PaymentSettings,
  OfficeSettings,
  SignInSettings,
  NoticeSettings,
];

const validated = (target: new () => object) =>
  new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(target, '', true, false)
      .map((m) => m.propertyName),
  );

describe('Environment: the settings of every area', () => {
  it('validates every setting each area declares, and no area declares one twice', () => {
    const names = AREAS.flatMap((area) => [...validated(area)]);
    expect(new Set(names).size).toBe(names.length);
    expect([...validated(Environment)].sort()).toEqual([...names].sort());
  });

  it("keeps each area's defaults", () => {
    const env = validateEnvironment({
      DATABASE_URL: 'postgres://u@localhost:5432/db',
      REDIS_URL: 'redis://localhost:6379/0',
      JWT_SECRET: 'x'.repeat(32),
      PAYMENT_CALLBACK_SECRET: 'y'.repeat(16),
    });
    for (const area of AREAS) {
      for (const [name, value] of Object.entries(new area())) {
        if (value !== undefined) expect([name, env[name as keyof Environment]]).toEqual([name, value]);
      }
    }
  });

  it('refuses a malformed value in every area', () => {
    const base = {
      DATABASE_URL: 'postgres://u@localhost:5432/db',
      REDIS_URL: 'redis://localhost:6379/0',
      JWT_SECRET: 'x'.repeat(32),
      PAYMENT_CALLBACK_SECRET: 'y'.repeat(16),
    };
    const bad: Record<string, string> = {
      DB_POOL_SIZE: '0',
      TRUSTED_PROXIES: 'not a proxy',
      PAYMENT_TTL_MINUTES: 'soon',
      POSTAL_SERVICE_INDICATOR: 'JX',
      PASSWORD_SIGN_IN_ENABLED: 'false',
      SMS_GATEWAY_TIMEOUT_MS: '5',
    };
    for (const [name, value] of Object.entries(bad)) {
      expect(() => validateEnvironment({ ...base, [name]: value })).toThrow(new RegExp(`^  ${name}:`, 'm'));
    }
  });
});
